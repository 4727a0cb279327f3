// The form that creates and edits a customer. The API validates; each of its
// field errors appears beside the input it names (by the error's JSON path),
// and any it cannot place appear in the summary above the form.
import { type FormEvent, useRef, useState } from "react";
import type { ApiError } from "../../api/api-client.ts";
import { asApiError } from "../../api/use-api.ts";
import { fieldErrorMap, fieldNameOfPath, unplacedFieldErrors } from "../../format/field-errors.ts";
import { TextField } from "../../ui/form-field.tsx";
import { useFocusFirstError } from "../../ui/form-state.ts";
import { currencyListId, ReferenceLists, timeZoneListId } from "../../ui/reference-lists.tsx";
import type { CustomerFormValues } from "./customer-form-values.ts";

type CustomerFormProps = {
  initialValues: CustomerFormValues;
  submitLabel: string;
  /** Ask why the change is made (edits): the reason goes into the audit log. */
  asksReason?: boolean;
  onSubmit: (values: CustomerFormValues, reason: string) => Promise<void>;
  onCancel: () => void;
};

const scalarFieldNames = [
  "external_id",
  "name",
  "email",
  "parent_customer_id",
  "currency",
  "country",
  "timezone",
  "locale",
  "billing_address.line1",
  "billing_address.line2",
  "billing_address.city",
  "billing_address.postal_code",
  "billing_address.state",
  "billing_address.country",
  "invoice_settings.net_payment_terms_days",
  "invoice_settings.grace_period_days",
  "invoice_settings.footer",
];

function placedFieldNames(values: CustomerFormValues): Set<string> {
  const names = new Set(scalarFieldNames);
  values.tax_ids.forEach((_taxId, index) => {
    names.add(`tax_ids.${index}`);
    names.add(`tax_ids.${index}.type`);
    names.add(`tax_ids.${index}.value`);
  });
  for (const entry of values.metadata) names.add(`metadata.${entry.key.trim()}`);
  return names;
}

// The API's detail counts every message ("3 invalid fields") and a field can
// have two; the summary counts the inputs the form marked.
function summaryOf(error: ApiError, placed: ReadonlySet<string>): string {
  if (error.fieldErrors.length === 0) return error.detail;
  const marked = new Set(
    error.fieldErrors
      .map((fieldError) => fieldNameOfPath(fieldError.path))
      .filter((name) => placed.has(name)),
  ).size;
  if (marked === 0) return "Correct the fields listed here.";
  return marked === 1 ? "Correct the marked field." : `Correct the ${marked} marked fields.`;
}

export function CustomerForm({
  initialValues,
  submitLabel,
  asksReason = false,
  onSubmit,
  onCancel,
}: CustomerFormProps) {
  const [values, setValues] = useState(initialValues);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [failedSubmits, setFailedSubmits] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  const errors = fieldErrorMap(error?.fieldErrors ?? []);
  const placed = placedFieldNames(values);
  const unplaced = unplacedFieldErrors(error?.fieldErrors ?? [], placed);

  const update = (change: (draft: CustomerFormValues) => void) =>
    setValues((previous) => {
      const draft = structuredClone(previous);
      change(draft);
      return draft;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values, reason);
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
      setFailedSubmits((count) => count + 1);
    }
  };
  // Once the refusal is on screen, the first bad input (or the summary) takes the focus.
  useFocusFirstError(failedSubmits, form, summary);

  const text = (name: keyof CustomerFormValues & string, label: string, extra: object = {}) => (
    <TextField
      label={label}
      name={name}
      value={values[name] as string}
      onValueChange={(value) =>
        update((draft) => {
          (draft[name] as string) = value;
        })
      }
      error={errors[name]}
      {...extra}
    />
  );

  return (
    <form ref={form} className="form" onSubmit={(event) => void submit(event)} noValidate>
      <ReferenceLists />
      {error && (
        <div className="form-error-summary" role="alert" tabIndex={-1} ref={summary}>
          <p className="state-title">The customer was not saved</p>
          <p>{summaryOf(error, placed)}</p>
          {unplaced.length > 0 && (
            <ul>
              {unplaced.map((fieldError) => (
                <li key={`${fieldError.path} ${fieldError.message}`}>
                  <code>{fieldError.path}</code> {fieldError.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <fieldset>
        <legend>Customer</legend>
        <div className="field-grid">
          {text("external_id", "External id", {
            required: true,
            hint: "Your own id for this customer, unique in the environment.",
            autoComplete: "off",
          })}
          {text("name", "Name", { autoComplete: "organization" })}
          {text("email", "Billing email", { type: "email", autoComplete: "email" })}
          {text("parent_customer_id", "Parent customer id", {
            hint: "The customer whose invoice consolidates this one's (cus_…).",
            autoComplete: "off",
          })}
        </div>
      </fieldset>

      <fieldset>
        <legend>Billing</legend>
        <div className="field-grid">
          {text("currency", "Currency", { hint: "An ISO 4217 code such as EUR.", list: currencyListId })}
          {text("country", "Country", { hint: "An ISO 3166 code such as DE.", autoComplete: "country" })}
          {text("timezone", "Time zone", {
            hint: "An IANA zone such as Europe/Berlin.",
            list: timeZoneListId,
          })}
          {text("locale", "Locale", { hint: "A language tag such as de-DE, for invoices and amounts." })}
        </div>
      </fieldset>

      <fieldset>
        <legend>Billing address</legend>
        <div className="field-grid">
          {(
            [
              ["line1", "Address line 1", "address-line1"],
              ["line2", "Address line 2", "address-line2"],
              ["city", "City", "address-level2"],
              ["postal_code", "Postal code", "postal-code"],
              ["state", "State or region", "address-level1"],
              ["country", "Address country", "country"],
            ] as const
          ).map(([part, label, autoComplete]) => (
            <TextField
              key={part}
              label={label}
              name={`billing_address.${part}`}
              autoComplete={autoComplete}
              value={values.billing_address[part]}
              onValueChange={(value) =>
                update((draft) => {
                  draft.billing_address[part] = value;
                })
              }
              error={errors[`billing_address.${part}`]}
            />
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>Tax ids</legend>
        {values.tax_ids.length === 0 && <p className="field-hint">No tax ids.</p>}
        {values.tax_ids.map((taxId, index) => (
          // Rows have no id of their own; their position is what the API's errors name.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <div className="row-editor" key={index}>
            <TextField
              label={`Tax id ${index + 1} type`}
              hint={index === 0 ? "Such as eu_vat or us_ein." : undefined}
              value={taxId.type}
              onValueChange={(value) =>
                update((draft) => {
                  draft.tax_ids[index]!.type = value;
                })
              }
              error={errors[`tax_ids.${index}.type`] ?? errors[`tax_ids.${index}`]}
            />
            <TextField
              label={`Tax id ${index + 1} number`}
              value={taxId.value}
              onValueChange={(value) =>
                update((draft) => {
                  draft.tax_ids[index]!.value = value;
                })
              }
              error={errors[`tax_ids.${index}.value`]}
            />
            <button
              type="button"
              className="button button-quiet"
              onClick={() =>
                update((draft) => {
                  draft.tax_ids.splice(index, 1);
                })
              }
            >
              Remove<span className="visually-hidden"> tax id {index + 1}</span>
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            update((draft) => {
              draft.tax_ids.push({ type: "", value: "" });
            })
          }
        >
          Add a tax id
        </button>
        {errors.tax_ids && <p className="field-error">{errors.tax_ids}</p>}
      </fieldset>

      <fieldset>
        <legend>Invoice settings</legend>
        <div className="field-grid">
          {(
            [
              [
                "net_payment_terms_days",
                "Payment terms (days)",
                "Days between issue and due date, 0 to 365.",
              ],
              ["grace_period_days", "Grace period (days)", "Days a draft invoice stays open, 0 to 31."],
              ["footer", "Invoice footer", undefined],
            ] as const
          ).map(([setting, label, hint]) => (
            <TextField
              key={setting}
              label={label}
              hint={hint}
              inputMode={setting === "footer" ? undefined : "numeric"}
              value={values.invoice_settings[setting]}
              onValueChange={(value) =>
                update((draft) => {
                  draft.invoice_settings[setting] = value;
                })
              }
              error={errors[`invoice_settings.${setting}`]}
            />
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>Metadata</legend>
        {values.metadata.length === 0 && <p className="field-hint">No metadata.</p>}
        {values.metadata.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id
          <div className="row-editor" key={index}>
            <TextField
              label={`Metadata ${index + 1} key`}
              value={entry.key}
              onValueChange={(value) =>
                update((draft) => {
                  draft.metadata[index]!.key = value;
                })
              }
            />
            <TextField
              label={`Metadata ${index + 1} value`}
              value={entry.value}
              onValueChange={(value) =>
                update((draft) => {
                  draft.metadata[index]!.value = value;
                })
              }
              error={errors[`metadata.${entry.key.trim()}`]}
            />
            <button
              type="button"
              className="button button-quiet"
              onClick={() =>
                update((draft) => {
                  draft.metadata.splice(index, 1);
                })
              }
            >
              Remove<span className="visually-hidden"> metadata {index + 1}</span>
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            update((draft) => {
              draft.metadata.push({ key: "", value: "" });
            })
          }
        >
          Add metadata
        </button>
      </fieldset>

      {asksReason && (
        <TextField
          label="Reason for the change"
          name="reason"
          hint="Optional. Kept with the change in the audit log."
          value={reason}
          onValueChange={setReason}
        />
      )}

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
