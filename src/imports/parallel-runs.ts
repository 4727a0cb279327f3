// Parallel runs (shadow billing) as billing operations ask for and read them.
// Asking for one checks the old system's invoices (a CSV file, or the history
// an import brought, written in the same template) against Fairbill's
// customers, keeps the file and queues the job that compares each customer's
// invoices with those Fairbill would have issued (parallel-run-work.ts); the
// run and each compared invoice are kept, so that re-running after a mapping
// fix shows progress. A run's differences are read here with the second
// person's acceptance, if any (parallel-run-differences.ts). Asking is audited;
// nothing is stored unless the whole file checks.
import type { Selectable } from "kysely";
import { describeActor, recordCreation } from "../audit/index.ts";
import { Decimal } from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { validationFailed } from "../platform/errors.ts";
import { enqueueRunJob } from "../platform/jobs/run-jobs.ts";
import { presentRunLife } from "../platform/jobs/run-records.ts";
import { importedInvoicesCsv } from "./imported-invoices.ts";
import { checkOldInvoices } from "./parallel-run-comparison.ts";
import type {
  CreateParallelRunInput,
  ParallelRun,
  ParallelRunCurrency,
  ParallelRunInvoice,
  ParallelRunInvoiceFilters,
  ParallelRunLine,
} from "./parallel-run-schemas.ts";
import { readPositionPage } from "./position-pages.ts";
import type { ParallelRunInvoiceTable, ParallelRunTable } from "./tables.ts";

export type ParallelRunRow = Selectable<ParallelRunTable>;
export type ParallelRunInvoiceRow = Selectable<ParallelRunInvoiceTable>;

/** The job that compares a run's invoices (parallel-run-work.ts). */
export const parallelRunKind = "parallel_run.run";

export function presentParallelRun(row: ParallelRunRow): ParallelRun {
  const summary = row.summary as { currencies: ParallelRunCurrency[] };
  return {
    id: row.id,
    status: row.status,
    customers_total: row.customers_total,
    customers_done: row.customers_done,
    failure: row.failure,
    invoices: row.invoices,
    matching: row.matching,
    matching_percent: new Decimal(row.matching_percent).toFixed(2),
    currencies: summary.currencies,
    ...presentRunLife(row),
  };
}

/** The old invoices the run compares: the file given, or the history imported, in the old_invoices template. */
async function oldInvoicesOf(context: RequestContext, input: CreateParallelRunInput): Promise<string> {
  if (input.old_invoices_csv !== undefined && input.old_invoices !== undefined) {
    throw validationFailed([
      {
        path: "$.old_invoices",
        message: "must be left out when old_invoices_csv is given: compare one or the other",
      },
    ]);
  }
  if (input.old_invoices_csv !== undefined) return input.old_invoices_csv;
  if (input.old_invoices === undefined) {
    throw validationFailed([
      { path: "$.old_invoices_csv", message: 'is required, unless old_invoices is "imported"' },
    ]);
  }
  const imported = await importedInvoicesCsv(context, input.customer_external_ids);
  if (imported === null) {
    throw validationFailed([
      {
        path: "$.old_invoices",
        message:
          input.customer_external_ids === undefined
            ? "no invoices were imported as history: import them from the old system first (a Lago import brings them)"
            : "none of these customers has invoices imported as history",
      },
    ]);
  }
  return imported;
}

/** Checks the file, records the run as queued with the file, and queues the job that compares it. */
export async function createParallelRun(
  context: RequestContext,
  input: CreateParallelRunInput,
): Promise<ParallelRun> {
  const customerExternalIds = input.customer_external_ids ?? null;
  const oldInvoicesCsv = await oldInvoicesOf(context, input);
  await checkOldInvoices(context, { oldInvoicesCsv, customerExternalIds });
  const now = context.clock.now();
  const actor = describeActor(context.actor);
  return context.database.transaction().execute(async (transaction) => {
    const row = await insertTenantRow(transaction, context, "parallel_runs", "parallelRun", now, {
      invoices: 0,
      matching: 0,
      matching_percent: "0",
      summary: JSON.stringify({ currencies: [] }),
      old_invoices_csv: oldInvoicesCsv,
      customer_external_ids: customerExternalIds === null ? null : JSON.stringify(customerExternalIds),
      created_by: actor.id,
      created_by_person_id: actor.person?.id ?? null,
      reason: context.reason ?? null,
      created_at: now,
    });
    await enqueueRunJob(transaction, context, parallelRunKind, row.id, { parallel_run_id: row.id });
    return recordCreation(transaction, context, "parallel_run", presentParallelRun(row));
  });
}

export async function findParallelRun(context: RequestContext, id: string): Promise<ParallelRunRow> {
  return findInTenant(context.database, context, "parallel_runs", id, "parallel run");
}

export async function getParallelRun(context: RequestContext, id: string): Promise<ParallelRun> {
  return presentParallelRun(await findParallelRun(context, id));
}

/** The environment's parallel runs, newest first: each run's matching share shows the progress. */
export async function listParallelRuns(
  context: RequestContext,
  page: PageRequest,
): Promise<ParallelRunRow[]> {
  return newestFirstPage(selectInTenant(context.database, context, "parallel_runs"), page).execute();
}

export function presentInvoice(row: ParallelRunInvoiceRow): ParallelRunInvoice {
  return {
    position: row.position,
    customer_id: row.customer_id,
    customer_external_id: row.customer_external_id,
    old_invoice_number: row.old_invoice_number,
    period_start: row.period_start.toISOString(),
    period_end: row.period_end.toISOString(),
    currency: row.currency,
    fairbill_issued_at: row.fairbill_issued_at?.toISOString() ?? null,
    old_total: row.old_total,
    fairbill_total: row.fairbill_total,
    difference: row.difference,
    matches: row.matches,
    lines: row.lines as ParallelRunLine[],
  };
}

/** A page of the run's invoices in the file's order (only matching or only differing ones when asked). */
export async function invoicePage(
  context: RequestContext,
  runId: string,
  query: { matches?: boolean; limit?: number | undefined; cursor?: string | undefined },
): Promise<{ rows: ParallelRunInvoiceRow[]; nextCursor: string | null }> {
  await getParallelRun(context, runId);
  let select = selectInTenant(context.database, context, "parallel_run_invoices").where(
    "parallel_run_id",
    "=",
    runId,
  );
  if (query.matches !== undefined) select = select.where("matches", "=", query.matches);
  const { page, nextCursor } = await readPositionPage(select, query);
  return { rows: page, nextCursor };
}

/** The run's invoices side by side, line by line. */
export async function listParallelRunInvoices(
  context: RequestContext,
  runId: string,
  query: ParallelRunInvoiceFilters,
): Promise<{ data: ParallelRunInvoice[]; next_cursor: string | null }> {
  const { rows, nextCursor } = await invoicePage(context, runId, {
    ...(query.matches === undefined ? {} : { matches: query.matches === "true" }),
    limit: query.limit,
    cursor: query.cursor,
  });
  return { data: rows.map(presentInvoice), next_cursor: nextCursor };
}
