// A form of the customer portal: its fields, the submit button, the API's
// refusal where no field shows it, and what the last save did.
import type { FormEvent, ReactNode } from "react";
import { SubmitButton } from "../ui/form-frame.tsx";
import { StatusMessage } from "../ui/outcome-message.tsx";

export function PortalForm({
  send,
  busy,
  submitLabel,
  refusal,
  saved,
  children,
}: {
  /** Forgets the last outcome and sends the form. */
  send: () => void;
  busy: boolean;
  submitLabel: string;
  /** The API's refusal when it names no field of the form. */
  refusal: string | undefined;
  /** What the last save did, if anything. */
  saved: string | undefined;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  return (
    <form className="portal-form" onSubmit={submit} noValidate>
      {children}
      <SubmitButton busy={busy} label={submitLabel} busyLabel="Saving…" />
      {refusal && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
      {saved && <StatusMessage>{saved}</StatusMessage>}
    </form>
  );
}
