// Bill runs: every run (by the scheduler, the CLI or the test clock) with how
// many customers it billed, the invoices it issued and the customers it could
// not bill. In the test environment, the test clock sits above them: freeze
// time, move it forward to bill months in seconds, or go back to real time.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/api-client.ts";
import { apiQuery, useApiMutation, usePagedList } from "../../api/queries.ts";
import type { BillRun } from "../../api/resources.ts";
import { answer } from "../../api/typed-client.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { CheckboxField, DateTimeField } from "../../ui/form-field.tsx";
import { StatusMessage } from "../../ui/outcome-message.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { PagedListView } from "../../ui/paged-list-view.tsx";
import { Panel } from "../../ui/panel.tsx";
import { ResourceView } from "../../ui/resource-view.tsx";
import { ErrorState } from "../../ui/states.tsx";
import { StepForm } from "../../ui/step-form.tsx";

const triggerLabels: Record<BillRun["trigger"], string> = {
  cli: "Command line",
  schedule: "Schedule",
  test_clock: "Test clock",
};

export function BillRunsPage() {
  const session = useSignedInSession();
  // A test clock moved between billing dates runs the bill run with nothing due: kept, but shown on request.
  const [showNothingDue, setShowNothingDue] = useState(false);
  const runs = usePagedList("/v1/bill-runs", {
    params: { query: showNothingDue ? { limit: 20 } : { limit: 20, billed: true } },
  });
  return (
    <>
      <PageHeader title="Bill runs" subtitle="Each run bills every subscription due by its instant, once." />
      {session.environment === "test" && <TestClockPanel writable={can(session, "billing:write")} />}
      <Panel
        title="Runs"
        actions={
          <CheckboxField
            label="Show runs that found nothing due"
            checked={showNothingDue}
            onCheckedChange={setShowNothingDue}
          />
        }
      >
        <PagedListView
          list={runs}
          noun={["run", "runs"]}
          loadingLabel="Loading bill runs…"
          empty="No bill runs yet."
        >
          {(rows) => (
            <DataTable
              label="Bill runs table"
              rows={rows}
              rowKey={(run) => run.id}
              columns={[
                {
                  header: "Billed up to",
                  cell: (run) => (
                    <>
                      {formatDateTime(run.at)}
                      <code className="actor-id">{run.id}</code>
                    </>
                  ),
                },
                {
                  header: "Started by",
                  cell: (run) => (
                    <>
                      {triggerLabels[run.trigger]}
                      <span className="actor-id">{formatDateTime(run.started_at)}</span>
                    </>
                  ),
                },
                { header: "Status", cell: (run) => <RunStatus run={run} /> },
                { header: "Customers", cell: (run) => `${run.customers_done} of ${run.customers_total}` },
                {
                  header: "Invoices",
                  cell: (run) => `${run.invoices_issued} issued, ${run.invoices_finalized} final`,
                },
                { header: "Errors", cell: (run) => (run.errors === 0 ? "None" : <RunErrors run={run} />) },
              ]}
            />
          )}
        </PagedListView>
      </Panel>
    </>
  );
}

function RunStatus({ run }: { run: BillRun }) {
  const badge =
    run.status === "completed"
      ? "badge badge-success"
      : run.status === "failed"
        ? "badge badge-warning"
        : "badge";
  return (
    <>
      <span className={badge}>{run.status}</span>
      {run.failure && <span className="actor-id">{run.failure}</span>}
    </>
  );
}

function RunErrors({ run }: { run: BillRun }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {run.errors} {run.errors === 1 ? "customer" : "customers"} not billed
      </summary>
      {open && <RunErrorList runId={run.id} />}
    </details>
  );
}

function RunErrorList({ runId }: { runId: string }) {
  const detail = useQuery(apiQuery("/v1/bill-runs/{id}", { params: { path: { id: runId } } }));
  return (
    <ResourceView resource={detail} loadingLabel="Loading…">
      {(run) => (
        <ul className="plain-list">
          {run.customer_errors.map((error) => (
            <li key={`${error.customer_id} ${error.occurred_at}`}>
              <Link to={customerPath(error.customer_id)}>{error.customer_id}</Link>: {error.message}
            </li>
          ))}
        </ul>
      )}
    </ResourceView>
  );
}

/** A datetime-local value `days` after an instant (or now), in the browser's zone. */
function localValueAfter(instant: string | null, days: number): string {
  const date = new Date(instant ?? Date.now());
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

type ClockStep = "freeze" | "advance" | "reset";

/** The quick choices of a date to advance to: a day, and a month of any length. */
const clockSteps = [
  [1, "+1 day"],
  [31, "+31 days"],
] as const;

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Moves the test clock and says what happened. */
async function moveClock(step: ClockStep, target: string): Promise<string> {
  if (step === "reset") {
    await answer(api.DELETE("/v1/test-clock"));
    return "The test environment runs on real time again.";
  }
  if (step === "freeze") {
    await answer(api.POST("/v1/test-clock", { body: { frozen_at: instantFromLocal(target) } }));
    return `The clock is frozen at ${formatDateTime(instantFromLocal(target))}.`;
  }
  const result = await answer(api.POST("/v1/test-clock/advance", { body: { to: instantFromLocal(target) } }));
  const run = result.bill_run;
  return (
    `The clock reads ${formatDateTime(result.test_clock.frozen_at ?? "")}. The bill run billed ` +
    `${plural(run.customers_done, "customer", "customers")} and issued ${plural(run.invoices_issued, "invoice", "invoices")}` +
    `${run.errors > 0 ? `; ${run.errors} could not be billed` : ""}.`
  );
}

function TestClockPanel({ writable }: { writable: boolean }) {
  const clock = useQuery(apiQuery("/v1/test-clock"));
  const [target, setTarget] = useState("");
  const [outcome, setOutcome] = useState("");
  // The clock decides what is due: moving it can change every list of the environment.
  const move = useApiMutation({
    write: (step: ClockStep) => moveClock(step, target),
    invalidates: "all",
    onSuccess: (said) => {
      setOutcome(said);
      setTarget("");
    },
  });
  const error = move.error;
  const errors = fieldErrorMap(error?.fieldErrors ?? []);
  const frozenAt = clock.data?.frozen_at ?? null;
  const run = (step: ClockStep) => {
    setOutcome("");
    move.mutate(step);
  };

  return (
    <Panel title="Test clock" className="panel panel-highlight">
      <ResourceView resource={clock} loadingLabel="Reading the test clock…">
        {() => (
          <>
            <p>
              {frozenAt === null ? (
                "The test environment runs on real time."
              ) : (
                <>
                  The test environment's clock reads <strong>{formatDateTime(frozenAt)}</strong>.
                </>
              )}
            </p>
            <StatusMessage>{outcome}</StatusMessage>
            {writable && (
              <StepForm onSend={() => run(frozenAt === null ? "freeze" : "advance")}>
                <DateTimeField
                  label={frozenAt === null ? "Freeze at" : "Advance to"}
                  value={target}
                  onValueChange={setTarget}
                  hint={
                    frozenAt === null
                      ? "Subscriptions then bill by this clock."
                      : "Everything due by then is billed, as the scheduler would."
                  }
                  error={errors.frozen_at ?? errors.to}
                />
                <div className="filters-actions clock-actions">
                  {frozenAt !== null &&
                    clockSteps.map(([days, label]) => (
                      <button
                        key={days}
                        type="button"
                        className="button"
                        onClick={() => setTarget(localValueAfter(frozenAt, days))}
                      >
                        {label}
                      </button>
                    ))}
                  <button
                    type="submit"
                    className="button button-primary"
                    disabled={move.isPending || target === ""}
                  >
                    {move.isPending
                      ? "Working…"
                      : frozenAt === null
                        ? "Freeze the clock"
                        : "Advance and bill"}
                  </button>
                  {frozenAt !== null && (
                    <button
                      type="button"
                      className="button"
                      disabled={move.isPending}
                      onClick={() => run("reset")}
                    >
                      Back to real time
                    </button>
                  )}
                </div>
              </StepForm>
            )}
            {error && error.fieldErrors.length === 0 && <ErrorState error={error} />}
          </>
        )}
      </ResourceView>
    </Panel>
  );
}
