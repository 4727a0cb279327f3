// The month-end close of a month: its checklist (bill runs done, no draft past
// grace, reconciliation clean, journal exported) and locking it, after which
// nothing dated in the month changes. The API refuses a lock while an item is
// open; finance can still lock with a reason, which the lock and the audit
// log keep.
import { type FormEvent, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { ChecklistItem, CloseChecklist, PeriodLock } from "../../api/resources.ts";
import { asApiError, useApiResource } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { CheckboxField, TextAreaField } from "../../ui/form-field.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { ErrorState, LoadingState } from "../../ui/states.tsx";
import { periodLabel } from "./period-month.ts";

export function MonthEndClosePanel({ period }: { period: string }) {
  const session = useSignedInSession();
  const checklist = useApiResource<CloseChecklist>(
    `/v1/close-checklist?period=${encodeURIComponent(period)}`,
  );
  const [outcome, setOutcome] = useState("");
  return (
    <section className="panel" aria-labelledby="close-title">
      <h2 id="close-title">Month-end close of {periodLabel(period)}</h2>
      <OutcomeMessage message={outcome} />
      {checklist.state.status === "loading" && <LoadingState label="Reading the close checklist…" />}
      {checklist.state.status === "error" && (
        <ErrorState error={checklist.state.error} onRetry={checklist.reload} />
      )}
      {checklist.state.status === "ready" && (
        <>
          <Checklist items={checklist.state.data.items} />
          {checklist.state.data.lock !== null ? (
            <LockSummary lock={checklist.state.data.lock} />
          ) : !checklist.state.data.ended ? (
            <p>This month has not ended yet; it can be closed once it has.</p>
          ) : can(session, "finance:write") ? (
            <LockForm
              checklist={checklist.state.data}
              onLocked={(lock) => {
                setOutcome(`${periodLabel(lock.period)} is closed.`);
                checklist.reload();
              }}
            />
          ) : (
            <p>Your key's role cannot close a month.</p>
          )}
        </>
      )}
    </section>
  );
}

function Checklist({ items }: { items: ChecklistItem[] }) {
  return (
    <ul className="plain-list close-checklist" aria-label="Close checklist">
      {items.map((item) => (
        <li key={item.key}>
          <span className={item.passed ? "badge badge-success" : "badge badge-warning"}>
            {item.passed ? "Done" : "Open"}
          </span>{" "}
          <strong>{item.title}</strong>
          <span className="actor-id">{item.detail}</span>
        </li>
      ))}
    </ul>
  );
}

function LockSummary({ lock }: { lock: PeriodLock }) {
  return (
    <p>
      <span className="badge badge-success">Closed</span> Locked {formatDateTime(lock.locked_at)} by{" "}
      {lock.locked_by}
      {lock.reason !== null && <>: “{lock.reason}”</>}. Changes to it now need a credit note in an open month.
    </p>
  );
}

function LockForm({
  checklist,
  onLocked,
}: {
  checklist: CloseChecklist;
  onLocked: (lock: PeriodLock) => void;
}) {
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const errors = fieldErrorMap(error?.fieldErrors ?? []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        period: checklist.period,
        ...(override ? { override_checklist: true } : {}),
        ...(reason.trim() === "" ? {} : { reason: reason.trim() }),
      };
      onLocked(await apiRequest<PeriodLock>("POST", "/v1/period-locks", { body }));
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      {!checklist.ready && (
        <CheckboxField
          label="Lock although checklist items are open"
          checked={override}
          onCheckedChange={setOverride}
          hint="Only with a reason: it is kept with the lock and in the audit log."
        />
      )}
      {(override || !checklist.ready) && (
        <TextAreaField
          label="Reason"
          value={reason}
          onValueChange={setReason}
          required={override}
          rows={2}
          maxLength={1000}
          error={errors.reason}
        />
      )}
      {error && errors.reason === undefined && <ErrorState error={error} title="The period was not locked" />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Locking…" : "Lock period"}
        </button>
      </div>
    </form>
  );
}
