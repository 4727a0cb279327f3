// The work of a parallel run, run by its job: check the kept file again,
// compare each customer's invoices with those Fairbill would have issued
// (parallel-run-comparison.ts), record the progress a few customers at a
// time, and end the run completed, with its invoices and summary, or failed,
// with the error. The invoices are written with the completion in one
// transaction that first locks the run and finds it still running, so a job
// that runs twice (a worker that died, a lease taken over) stores the run's
// rows once: the second to finish finds the run completed and writes nothing.
import type { Updateable } from "kysely";
import { recordObjectChange } from "../audit/index.ts";
import { formatAmount, type InvoiceMatch, summarizeParallelRun } from "../core/index.ts";
import { batchesOf } from "../platform/batches.ts";
import type { RequestContext } from "../platform/context.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { errorMessage, FairbillError, type FieldError } from "../platform/errors.ts";
import { runQueuedRun } from "../platform/jobs/queued-runs.ts";
import {
  type CheckedInvoice,
  type ComparedInvoice,
  checkOldInvoices,
  compareInvoice,
  presentCurrency,
  presentLines,
} from "./parallel-run-comparison.ts";
import type { ParallelRun } from "./parallel-run-schemas.ts";
import { type ParallelRunRow, presentParallelRun } from "./parallel-runs.ts";
import type { ParallelRunTable } from "./tables.ts";

export type ParallelRunProgress = { customersTotal: number; customersDone: number };

export type ParallelRunOptions = {
  /** Called after each batch of customers. */
  onProgress?: (progress: ParallelRunProgress) => void;
};

const customersPerProgress = 10;
const rowsPerInsert = 200;
const problemsInFailure = 20;

/** Runs a queued parallel run to its end (completed or failed) and returns it. */
export async function runParallelRun(
  context: RequestContext,
  runId: string,
  options: ParallelRunOptions = {},
): Promise<ParallelRun> {
  return runQueuedRun(context, {
    table: "parallel_runs",
    id: runId,
    what: "parallel run",
    startColumns: { customers_done: 0 },
    present: presentParallelRun,
    work: (started) => compareEveryCustomer(context, started, options),
    fail: (error) =>
      finish(context, runId, { status: "failed", failure: failureOf(error) }, async () => undefined),
  });
}

/** What a failed run says: the file's problems by row and column, or the error's message. */
function failureOf(error: unknown): string {
  if (error instanceof FairbillError && error.errors.length > 0) {
    const problems = error.errors.slice(0, problemsInFailure).map((problem) => problem.message);
    const more = error.errors.length - problems.length;
    return `old_invoices_csv: ${problems.join("; ")}${more > 0 ? `; and ${more} more` : ""}`;
  }
  return errorMessage(error).slice(0, 2000);
}

/** The checked invoices by customer, in the order the file first names each customer. */
function byCustomer(invoices: readonly CheckedInvoice[]): CheckedInvoice[][] {
  const groups = new Map<string, CheckedInvoice[]>();
  for (const entry of invoices) {
    const group = groups.get(entry.customer.id) ?? [];
    group.push(entry);
    groups.set(entry.customer.id, group);
  }
  return [...groups.values()];
}

async function compareEveryCustomer(
  context: RequestContext,
  row: ParallelRunRow,
  options: ParallelRunOptions,
): Promise<ParallelRun> {
  if (row.old_invoices_csv === null) throw new Error("The run's file was erased before it ran.");
  const checked = await checkOldInvoices(context, {
    oldInvoicesCsv: row.old_invoices_csv,
    customerExternalIds: row.customer_external_ids,
  });
  const customers = byCustomer(checked);
  const progress: ParallelRunProgress = { customersTotal: customers.length, customersDone: 0 };
  await recordProgress(context, row.id, progress);
  const compared = new Map<CheckedInvoice, ComparedInvoice>();
  const problems: FieldError[] = [];
  for (const invoices of customers) {
    for (const entry of invoices) {
      const result = await compareInvoice(context, entry);
      if ("path" in result) problems.push(result);
      else compared.set(entry, result);
    }
    progress.customersDone += 1;
    if (progress.customersDone % customersPerProgress === 0 || progress.customersDone === customers.length) {
      await recordProgress(context, row.id, progress);
      options.onProgress?.({ ...progress });
    }
  }
  if (problems.length > 0) {
    const sorted = problems.sort((left, right) =>
      left.message.localeCompare(right.message, "en", { numeric: true }),
    );
    throw new FairbillError({ code: "validation_failed", status: 400, detail: "", errors: sorted });
  }
  // The file's order, whatever order the customers were compared in.
  const inFileOrder = checked.flatMap((entry) => {
    const result = compared.get(entry);
    return result === undefined ? [] : [result];
  });
  return finish(context, row.id, completion(inFileOrder), async (transaction) => {
    const invoiceRows = inFileOrder.map((entry, position) => ({
      parallel_run_id: row.id,
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      position,
      customer_id: entry.customerId,
      customer_external_id: entry.invoice.customerExternalId,
      old_invoice_number: entry.invoice.number,
      period_start: entry.invoice.periodStart,
      period_end: entry.invoice.periodEnd,
      currency: entry.currency.code,
      fairbill_issued_at: entry.fairbillIssuedAt,
      old_total: formatAmount(entry.match.oldTotal, entry.currency),
      fairbill_total: formatAmount(entry.match.fairbillTotal, entry.currency),
      difference: formatAmount(entry.match.difference, entry.currency),
      matches: entry.match.matches,
      lines: JSON.stringify(presentLines(entry.match, entry.currency)),
    }));
    for (const batch of batchesOf(invoiceRows, rowsPerInsert))
      await transaction.insertInto("parallel_run_invoices").values(batch).execute();
  });
}

type Outcome = Updateable<ParallelRunTable> & { status: "completed" | "failed" };

/** The completed run's counts and summary per currency. */
function completion(compared: readonly ComparedInvoice[]): Outcome {
  const byCurrency = new Map<string, InvoiceMatch[]>();
  for (const entry of compared) {
    const matches = byCurrency.get(entry.currency.code) ?? [];
    matches.push(entry.match);
    byCurrency.set(entry.currency.code, matches);
  }
  const overall = summarizeParallelRun(compared.map((entry) => entry.match));
  const currencies = [...byCurrency.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([code, matches]) => presentCurrency(code, matches));
  return {
    status: "completed",
    invoices: overall.invoices,
    matching: overall.matching,
    matching_percent: overall.matchingPercent.toFixed(2),
    summary: JSON.stringify({ currencies }),
  };
}

async function recordProgress(context: RequestContext, runId: string, progress: ParallelRunProgress) {
  await context.database
    .updateTable("parallel_runs")
    .set({
      customers_total: progress.customersTotal,
      customers_done: progress.customersDone,
      updated_at: context.clock.now(),
    })
    .where("id", "=", runId)
    .execute();
}

/**
 * Ends the run, with its audit entry, and writes what it found: once, by the
 * first to finish; a run already ended by another attempt is returned as it is.
 */
async function finish(
  context: RequestContext,
  runId: string,
  outcome: Outcome,
  writeFound: (transaction: RequestContext["database"]) => Promise<void>,
): Promise<ParallelRun> {
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const current = await selectInTenant(transaction, context, "parallel_runs")
      .where("id", "=", runId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.status !== "running") return presentParallelRun(current);
    await writeFound(transaction);
    const row = await updateTenantRow(transaction, context, "parallel_runs", runId, {
      ...outcome,
      old_invoices_csv: null,
      finished_at: now,
      updated_at: now,
    });
    const run = presentParallelRun(row);
    await recordObjectChange(
      transaction,
      context,
      "parallel_run",
      outcome.status === "completed" ? "completed" : "failed",
      null,
      run,
    );
    return run;
  });
}
