// The month-end close of a month: its checklist (bill runs done, no draft past
// grace, reconciliation clean, journal exported) and locking it, after which
// nothing dated in the month changes. The API refuses a lock while an item is
// open; finance can still lock with a reason, which the lock and the audit
// log keep.
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useApiMutation } from "../../api/queries.ts";
import type { ChecklistItem, CloseChecklist, PeriodLock } from "../../api/resources.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { CheckboxField, TextAreaField } from "../../ui/form-field.tsx";
import { SubmitButton } from "../../ui/form-frame.tsx";
import { OutcomeMessage } from "../../ui/outcome-message.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { periodLabel } from "./period-month.ts";

export function MonthEndClosePanel({ period }: { period: string }) {
  const session = useSignedInSession();
  const checklist = useQuery(apiQuery("/v1/close-checklist", { params: { query: { period } } }));
  const [outcome, setOutcome] = useState("");
  return (
    <Panel title={`Month-end close of ${periodLabel(period)}`}>
      <OutcomeMessage message={outcome} />
      <ResourceView resource={checklist} loadingLabel="Reading the close checklist…">
        {(current) => (
          <>
            <Checklist items={current.items} />
            {current.lock !== null ? (
              <LockSummary lock={current.lock} />
            ) : !current.ended ? (
              <p>This month has not ended yet; it can be closed once it has.</p>
            ) : can(session, "finance:write") ? (
              <LockForm
                checklist={current}
                onLocked={(lock) => setOutcome(`${periodLabel(lock.period)} is closed.`)}
              />
            ) : (
              <p>Your key's role cannot close a month.</p>
            )}
          </>
        )}
      </ResourceView>
    </Panel>
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
  // A lock closes the month everywhere: its checklist, and every write dated in it.
  const lock = useApiMutation({
    call: () =>
      api.POST("/v1/period-locks", {
        body: {
          period: checklist.period,
          ...(override ? { override_checklist: true } : {}),
          ...(reason.trim() === "" ? {} : { reason: reason.trim() }),
        },
      }),
    invalidates: ["/v1/close-checklist", "/v1/period-locks", "/v1/reconciliation"],
    onSuccess: onLocked,
  });
  const error = lock.error;
  const errors = fieldErrorMap(error?.fieldErrors ?? []);
  const busy = lock.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    lock.mutate();
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
        <SubmitButton busy={busy} label="Lock period" busyLabel="Locking…" />
      </div>
    </form>
  );
}
