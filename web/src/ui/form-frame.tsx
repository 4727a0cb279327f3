// A form of useFormState: the <form> without the browser's own validation,
// the summary of what was refused above the inputs, and after each failed
// submit the focus on the first marked input (or on the summary). Every form
// page and panel of the console uses it, so they all behave alike.
import { type ReactNode, useRef } from "react";
import type { FieldErrorMap } from "../format/field-errors.ts";
import { FormErrorSummary, type UnplacedError } from "./form-error-summary.tsx";
import { TextField } from "./form-field.tsx";
import { type FormState, useFocusFirstError } from "./form-state.ts";
import { Panel } from "./panel.tsx";

export function FormFrame<Values>({
  form,
  refusedTitle,
  onSubmit,
  className,
  placed,
  before,
  children,
}: {
  form: FormState<Values>;
  /** The summary's title after a refusal: "The feature was not added". */
  refusedTitle: string;
  onSubmit: () => unknown;
  className?: string;
  /**
   * The names of the fields the form has an input for; the API's field errors
   * under any other name are listed in the summary. Without it, every error
   * is taken to have its input.
   */
  placed?: ReadonlySet<string>;
  /** What comes before the summary inside the form (its heading). */
  before?: ReactNode;
  children: ReactNode;
}) {
  const formElement = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  useFocusFirstError(form.failedSubmits, formElement, summary);
  const unplaced = placed === undefined ? [] : errorsWithoutInput(form.serverErrors, placed);
  return (
    <form
      ref={formElement}
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
      noValidate
    >
      {before}
      <FormErrorSummary
        title={refusedTitle}
        refusal={form.refusal}
        failingChecks={form.failingChecks}
        markedServerErrors={Object.keys(form.serverErrors).length - unplaced.length}
        unplaced={unplaced}
        summaryRef={summary}
      />
      {children}
    </form>
  );
}

function errorsWithoutInput(serverErrors: FieldErrorMap, placed: ReadonlySet<string>): UnplacedError[] {
  return Object.entries(serverErrors)
    .filter(([name]) => !placed.has(name))
    .map(([name, message]) => ({ name, message }));
}

/** The submit button of a form: "Adding…" while the API is asked. */
export function SubmitButton({
  busy,
  label,
  busyLabel,
  primary = true,
  ready = true,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  primary?: boolean;
  /** False while the form lacks what it cannot be sent without (a chosen file, a date): the button is disabled. */
  ready?: boolean;
}) {
  return (
    <button type="submit" className={primary ? "button button-primary" : "button"} disabled={busy || !ready}>
      {busy ? busyLabel : label}
    </button>
  );
}

/** The actions under a page-sized form: submit, and Cancel to leave without saving. */
function FormActions({
  busy,
  label,
  busyLabel,
  onCancel,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  onCancel: () => void;
}) {
  return (
    <div className="form-actions">
      <SubmitButton busy={busy} label={label} busyLabel={busyLabel} />
      <button type="button" className="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </div>
  );
}

/**
 * A page-sized form (a new meter, a customer's details, a contract): its
 * fields in groups, laid out by the "form" class, and under them submit and
 * Cancel to leave without saving.
 */
export function PageForm<Values>({
  form,
  refusedTitle,
  onSubmit,
  placed,
  before,
  className = "form",
  submit: [submitLabel, busyLabel],
  onCancel,
  children,
}: {
  form: FormState<Values>;
  refusedTitle: string;
  onSubmit: () => unknown;
  placed?: ReadonlySet<string>;
  before?: ReactNode;
  /** "form" unless told ("form plan-form"). */
  className?: string;
  /** The submit button's label, and its label while the API is asked: ["Create meter", "Creating…"]. */
  submit: [string, string];
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <FormFrame
      form={form}
      refusedTitle={refusedTitle}
      onSubmit={onSubmit}
      className={className}
      placed={placed}
      before={before}
    >
      {children}
      <FormActions busy={form.busy} label={submitLabel} busyLabel={busyLabel} onCancel={onCancel} />
    </FormFrame>
  );
}

/** Why a change is made, asked on the forms that edit: kept with the change in the audit log. */
export function ReasonField({
  value,
  onValueChange,
}: {
  value: string;
  onValueChange: (value: string) => void;
}) {
  return (
    <TextField
      label="Reason for the change"
      name="reason"
      hint="Optional. Kept with the change in the audit log."
      value={value}
      onValueChange={onValueChange}
    />
  );
}

/**
 * A panel holding one short form in a row (add a product, create a key,
 * rename a plan): its heading, the fields, and the submit button at the end
 * of the row, with Cancel where the form can be closed.
 */
export function InlineFormPanel<Values>({
  title,
  form,
  refusedTitle,
  onSubmit,
  submit: [submitLabel, busyLabel],
  onCancel,
  children,
}: {
  title: string;
  form: FormState<Values>;
  refusedTitle: string;
  onSubmit: () => unknown;
  /** The submit button's label, and its label while the API is asked: ["Add product", "Adding…"]. */
  submit: [string, string];
  onCancel?: () => void;
  children: ReactNode;
}) {
  return (
    <Panel title={title}>
      <FormFrame form={form} refusedTitle={refusedTitle} onSubmit={onSubmit} className="inline-form">
        {children}
        <div className="filters-actions">
          <SubmitButton busy={form.busy} label={submitLabel} busyLabel={busyLabel} />
          {onCancel && (
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </FormFrame>
    </Panel>
  );
}
