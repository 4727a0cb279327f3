// A form that saves settings in place (the seller's, the payment provider,
// the portal's self-service): its fields, the reason for the change, kept in
// the audit log, the save button, and what the last save did, cleared as the
// next one is sent.
import type { ReactNode } from "react";
import { FormFrame, ReasonField, SubmitButton } from "./form-frame.tsx";
import type { FormState } from "./form-state.ts";
import { OutcomeMessage } from "./outcome-message.tsx";

/** A text the page holds and its setter, as useState gives them. */
type TextState = [string, (value: string) => void];

export function SettingsForm<Values>({
  form,
  refusedTitle,
  save,
  saveLabel,
  reason: [reason, setReason],
  outcome: [outcome, setOutcome],
  placed,
  before,
  children,
}: {
  form: FormState<Values>;
  refusedTitle: string;
  /** Sends the values (the save's mutateAsync); its success sets the outcome. */
  save: (values: Values) => Promise<unknown>;
  /** "Save invoice settings". */
  saveLabel: string;
  /** Why the change is made, sent with the save. */
  reason: TextState;
  /** What the last save did. */
  outcome: TextState;
  placed: ReadonlySet<string>;
  before?: ReactNode;
  children: ReactNode;
}) {
  return (
    <FormFrame
      form={form}
      refusedTitle={refusedTitle}
      onSubmit={() => {
        setOutcome("");
        return form.submit(save);
      }}
      className="form"
      placed={placed}
      before={before}
    >
      {children}
      <ReasonField value={reason} onValueChange={setReason} />
      <div className="form-actions">
        <SubmitButton busy={form.busy} label={saveLabel} busyLabel="Saving…" />
      </div>
      <OutcomeMessage message={outcome} />
    </FormFrame>
  );
}
