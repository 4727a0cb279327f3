// Bill runs: every run (by the scheduler, the CLI or the test clock) with how
// many customers it billed, the invoices it issued and the customers it could
// not bill. In the test environment, the test clock sits above them: freeze
// time, move it forward to bill months in seconds, or go back to real time.
import { type FormEvent, useState } from "react";
import { type ApiError, apiRequest } from "../../api/api-client.ts";
import type { BillRun, BillRunDetail, TestClock } from "../../api/billing-types.ts";
import { asApiError, useApiResource, usePagedList } from "../../api/use-api.ts";
import { formatDateTime } from "../../format/date-format.ts";
import { fieldErrorMap } from "../../format/field-errors.ts";
import { instantFromLocal } from "../../format/local-instant.ts";
import { Link } from "../../routing/link.tsx";
import { customerPath } from "../../routing/routes.ts";
import { can, useSignedInSession } from "../../session/session-context.tsx";
import { TextField } from "../../ui/form-field.tsx";
import { ListFooter } from "../../ui/list-footer.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../ui/states.tsx";
import { TableScroll } from "../../ui/table-scroll.tsx";

const triggerLabels: Record<BillRun["trigger"], string> = {
  cli: "Command line",
  schedule: "Schedule",
  test_clock: "Test clock",
};

export function BillRunsPage() {
  const session = useSignedInSession();
  const runs = usePagedList<BillRun>("/v1/bill-runs?limit=20");
  return (
    <>
      <PageHeader title="Bill runs" subtitle="Each run bills every subscription due by its instant, once." />
      {session.environment === "test" && (
        <TestClockPanel writable={can(session, "billing:write")} onBilled={runs.reload} />
      )}
      <section className="panel" aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        {runs.state.status === "loading" && <LoadingState label="Loading bill runs…" />}
        {runs.state.status === "error" && <ErrorState error={runs.state.error} onRetry={runs.reload} />}
        {runs.state.status === "ready" && runs.state.data.length === 0 && (
          <EmptyState title="No bill runs yet." />
        )}
        {runs.state.status === "ready" && runs.state.data.length > 0 && (
          <TableScroll label="Bill runs table">
            <table className="stacked-on-phone">
              <thead>
                <tr>
                  <th scope="col">Billed up to</th>
                  <th scope="col">Started by</th>
                  <th scope="col">Status</th>
                  <th scope="col">Customers</th>
                  <th scope="col">Invoices</th>
                  <th scope="col">Errors</th>
                </tr>
              </thead>
              <tbody>
                {runs.state.data.map((run) => (
                  <tr key={run.id}>
                    <th scope="row">
                      {formatDateTime(run.at)}
                      <code className="actor-id">{run.id}</code>
                    </th>
                    <td data-label="Started by">
                      {triggerLabels[run.trigger]}
                      <span className="actor-id">{formatDateTime(run.started_at)}</span>
                    </td>
                    <td data-label="Status">
                      <span
                        className={
                          run.status === "completed"
                            ? "badge badge-success"
                            : run.status === "failed"
                              ? "badge badge-warning"
                              : "badge"
                        }
                      >
                        {run.status}
                      </span>
                      {run.failure && <span className="actor-id">{run.failure}</span>}
                    </td>
                    <td data-label="Customers">
                      {run.customers_done} of {run.customers_total}
                    </td>
                    <td data-label="Invoices">
                      {run.invoices_issued} issued, {run.invoices_finalized} final
                    </td>
                    <td data-label="Errors">{run.errors === 0 ? "None" : <RunErrors run={run} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <ListFooter list={runs} noun={["run", "runs"]} />
      </section>
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
  const detail = useApiResource<BillRunDetail>(`/v1/bill-runs/${encodeURIComponent(runId)}`);
  if (detail.state.status === "loading") return <LoadingState label="Loading…" />;
  if (detail.state.status === "error")
    return <ErrorState error={detail.state.error} onRetry={detail.reload} />;
  return (
    <ul className="plain-list">
      {detail.state.data.customer_errors.map((error) => (
        <li key={`${error.customer_id} ${error.occurred_at}`}>
          <Link to={customerPath(error.customer_id)}>{error.customer_id}</Link>: {error.message}
        </li>
      ))}
    </ul>
  );
}

/** A datetime-local value `days` after an instant (or now), in the browser's zone. */
function localValueAfter(instant: string | null, days: number): string {
  const date = new Date(instant ?? Date.now());
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function TestClockPanel({ writable, onBilled }: { writable: boolean; onBilled: () => void }) {
  const clock = useApiResource<TestClock>("/v1/test-clock");
  const [target, setTarget] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [outcome, setOutcome] = useState("");
  const errors = fieldErrorMap(error?.fieldErrors ?? []);
  const frozenAt = clock.state.status === "ready" ? clock.state.data.frozen_at : null;

  const run = async (step: "freeze" | "advance" | "reset") => {
    setBusy(true);
    setError(undefined);
    setOutcome("");
    try {
      if (step === "reset") {
        clock.replace(await apiRequest<TestClock>("DELETE", "/v1/test-clock"));
        setOutcome("The test environment runs on real time again.");
      } else if (step === "freeze") {
        clock.replace(
          await apiRequest<TestClock>("POST", "/v1/test-clock", {
            body: { frozen_at: instantFromLocal(target) },
          }),
        );
        setOutcome(`The clock is frozen at ${formatDateTime(instantFromLocal(target))}.`);
      } else {
        const result = await apiRequest<{ test_clock: TestClock; bill_run: BillRun }>(
          "POST",
          "/v1/test-clock/advance",
          {
            body: { to: instantFromLocal(target) },
          },
        );
        clock.replace(result.test_clock);
        const run = result.bill_run;
        setOutcome(
          `The clock reads ${formatDateTime(result.test_clock.frozen_at ?? "")}. The bill run billed ${run.customers_done} ` +
            `${run.customers_done === 1 ? "customer" : "customers"} and issued ${run.invoices_issued} ` +
            `${run.invoices_issued === 1 ? "invoice" : "invoices"}${run.errors > 0 ? `; ${run.errors} could not be billed` : ""}.`,
        );
        onBilled();
      }
      setTarget("");
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(frozenAt === null ? "freeze" : "advance");
  };

  return (
    <section className="panel panel-highlight" aria-labelledby="test-clock-title">
      <h2 id="test-clock-title">Test clock</h2>
      {clock.state.status === "loading" && <LoadingState label="Reading the test clock…" />}
      {clock.state.status === "error" && <ErrorState error={clock.state.error} onRetry={clock.reload} />}
      {clock.state.status === "ready" && (
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
          <p className="outcome" role="status">
            {outcome}
          </p>
          {writable && (
            <form className="inline-form" onSubmit={submit} noValidate>
              <TextField
                label={frozenAt === null ? "Freeze at" : "Advance to"}
                type="datetime-local"
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
                {frozenAt !== null && (
                  <>
                    <button
                      type="button"
                      className="button"
                      onClick={() => setTarget(localValueAfter(frozenAt, 1))}
                    >
                      +1 day
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => setTarget(localValueAfter(frozenAt, 31))}
                    >
                      +31 days
                    </button>
                  </>
                )}
                <button type="submit" className="button button-primary" disabled={busy || target === ""}>
                  {busy ? "Working…" : frozenAt === null ? "Freeze the clock" : "Advance and bill"}
                </button>
                {frozenAt !== null && (
                  <button type="button" className="button" disabled={busy} onClick={() => void run("reset")}>
                    Back to real time
                  </button>
                )}
              </div>
            </form>
          )}
          {error && error.fieldErrors.length === 0 && <ErrorState error={error} />}
        </>
      )}
    </section>
  );
}
