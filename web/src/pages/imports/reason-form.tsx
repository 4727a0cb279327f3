// A decision given with a reason, in a table's cell: accepting a parallel
// run's difference, resolving an import's refused record. The API keeps the
// reason with the decision and in the audit log.
import { type FormEvent, useState } from "react";
import type { paths } from "../../api/generated/openapi.ts";
import { useApiMutation } from "../../api/queries.ts";
import { TextField } from "../../ui/form-field.tsx";
import { ErrorState } from "../../ui/states.tsx";

export function ReasonForm({
  name,
  fieldLabel,
  submitLabel,
  write,
  invalidates,
}: {
  /** The form's accessible name. */
  name: string;
  fieldLabel: string;
  submitLabel: string;
  write: (reason: string) => Promise<unknown>;
  invalidates: readonly (keyof paths)[];
}) {
  const [reason, setReason] = useState("");
  const decide = useApiMutation({ write: () => write(reason.trim()), invalidates });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={name}>
      <TextField label={fieldLabel} value={reason} onValueChange={setReason} />
      <button type="submit" className="button" disabled={decide.isPending || reason.trim() === ""}>
        {submitLabel}
      </button>
      {decide.error && <ErrorState error={decide.error} />}
    </form>
  );
}
