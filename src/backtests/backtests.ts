// Backtests as billing operations ask for and read them: request one (it is
// queued on the job queue, which runs backtest-run.ts), read it with its
// progress and summary, list them, read its invoices compared line by line,
// and cancel one that has not finished. Each change is audited and sent as a
// webhook event in its own transaction.
import type { Selectable } from "kysely";
import { describeActor, recordAuditEvent, recordCreation } from "../audit/index.ts";
import { publishEvent } from "../notifications/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { decodeCursor, encodeCursor } from "../platform/http/pagination.ts";
import { compileStrictValidator, toFieldErrors } from "../platform/http/validation.ts";
import { enqueueRunJob } from "../platform/jobs/run-jobs.ts";
import { presentRunLife } from "../platform/jobs/run-records.ts";
import { backtestCsv } from "./backtest-csv.ts";
import { checkBacktestRequest } from "./backtest-requests.ts";
import {
  type Backtest,
  type BacktestInvoice,
  CreateBacktestBody,
  type CreateBacktestInput,
} from "./backtest-schemas.ts";
import { backtestCanceled, backtestCreated } from "./backtest-webhook-events.ts";
import type { BacktestTable } from "./tables.ts";

/** The job that runs a backtest (backtest-jobs.ts). */
export const backtestRunKind = "backtest.run";

type BacktestRow = Selectable<BacktestTable>;

export function presentBacktest(row: BacktestRow): Backtest {
  return {
    id: row.id,
    status: row.status,
    plan_id: row.plan_id,
    plan_version_id: row.plan_version_id,
    price_overrides: row.price_overrides,
    contract_id: row.contract_id,
    rate_card: row.contract_rate_card,
    population: row.population,
    from: row.period_from.toISOString(),
    to: row.period_to.toISOString(),
    customers_total: row.customers_total,
    customers_done: row.customers_done,
    invoices_compared: row.invoices_compared,
    summary: row.summary,
    failure: row.failure,
    cancel_requested_at: row.cancel_requested_at?.toISOString() ?? null,
    ...presentRunLife(row),
  };
}

/** Checks the request, records the backtest as queued and queues the job that runs it. */
export async function createBacktest(context: RequestContext, input: CreateBacktestInput): Promise<Backtest> {
  const checked = await checkBacktestRequest(context, input);
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const row = await insertTenantRow(transaction, context, "backtests", "backtest", now, {
      plan_id: checked.planId,
      plan_version_id: checked.planVersionId,
      price_overrides: input.price_overrides === undefined ? null : JSON.stringify(input.price_overrides),
      contract_id: checked.contract?.id ?? null,
      contract_rate_card: checked.contract === undefined ? null : JSON.stringify(checked.contract.rateCard),
      population: JSON.stringify(checked.contract?.population ?? input.population ?? {}),
      period_from: checked.from,
      period_to: checked.to,
      created_by: describeActor(context.actor).id,
      reason: context.reason ?? null,
      created_at: now,
    });
    await enqueueRunJob(transaction, context, backtestRunKind, row.id, { backtest_id: row.id });
    const backtest = await recordCreation(transaction, context, "backtest", presentBacktest(row));
    await publishEvent(transaction, context, backtestCreated, backtest);
    return backtest;
  });
}

let validateRequest: ReturnType<typeof compileStrictValidator> | undefined;

/**
 * A backtest requested from outside HTTP (the CLI): the body is checked as
 * POST /v1/backtests checks it, every problem named by its path.
 */
export async function requestBacktest(context: RequestContext, body: unknown): Promise<Backtest> {
  validateRequest ??= compileStrictValidator(CreateBacktestBody);
  if (!validateRequest(body)) throw validationFailed(toFieldErrors(validateRequest.errors ?? [], "body"));
  return createBacktest(context, body as CreateBacktestInput);
}

/** The backtest's invoices as CSV (see backtest-csv.ts). */
export async function backtestCsvText(context: RequestContext, id: string): Promise<string> {
  await getBacktest(context, id);
  return backtestCsv(allBacktestInvoices(context, id));
}

export async function findBacktestRow(
  database: Database,
  context: RequestContext,
  id: string,
): Promise<BacktestRow | undefined> {
  return selectInTenant(database, context, "backtests").where("id", "=", id).executeTakeFirst();
}

export async function getBacktest(context: RequestContext, id: string): Promise<Backtest> {
  return presentBacktest(await findInTenant(context.database, context, "backtests", id, "backtest"));
}

/** The newest completed backtest that priced this plan version, if any. */
export async function latestBacktestOfVersion(
  context: RequestContext,
  planVersionId: string,
): Promise<Backtest | null> {
  const row = await selectInTenant(context.database, context, "backtests")
    .where("plan_version_id", "=", planVersionId)
    .where("status", "=", "completed")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row === undefined ? null : presentBacktest(row);
}

/** The environment's backtests, newest first (of one plan when given). */
export async function listBacktests(
  context: RequestContext,
  filters: { plan_id?: string | undefined },
  page: PageRequest,
): Promise<BacktestRow[]> {
  let query = selectInTenant(context.database, context, "backtests");
  if (filters.plan_id !== undefined) query = query.where("plan_id", "=", filters.plan_id);
  return newestFirstPage(query, page).execute();
}

/** The backtest's invoices compared, by customer then issue date (of one customer when given). */
export async function listBacktestInvoices(
  context: RequestContext,
  backtestId: string,
  query: { customer_id?: string | undefined; limit?: number | undefined; cursor?: string | undefined },
): Promise<{ data: BacktestInvoice[]; next_cursor: string | null }> {
  await getBacktest(context, backtestId);
  const limit = query.limit ?? 20;
  const after = decodeCursor(query.cursor);
  let select = selectInTenant(context.database, context, "backtest_invoices")
    .where("backtest_id", "=", backtestId)
    .orderBy("customer_id")
    .orderBy("issued_at")
    .orderBy("invoice_id")
    .limit(limit + 1);
  if (query.customer_id !== undefined) select = select.where("customer_id", "=", query.customer_id);
  if (after !== undefined) {
    const [customerId, issuedAt, invoiceId] = JSON.parse(after) as [string, string, string];
    select = select.where((where) =>
      where.or([
        where("customer_id", ">", customerId),
        where.and([where("customer_id", "=", customerId), where("issued_at", ">", new Date(issuedAt))]),
        where.and([
          where("customer_id", "=", customerId),
          where("issued_at", "=", new Date(issuedAt)),
          where("invoice_id", ">", invoiceId),
        ]),
      ]),
    );
  }
  const rows = await select.execute();
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(presentBacktestInvoice),
    next_cursor:
      rows.length > limit && last !== undefined
        ? encodeCursor(JSON.stringify([last.customer_id, last.issued_at.toISOString(), last.invoice_id]))
        : null,
  };
}

/** Every invoice of the backtest, in the list's order, a page of rows at a time (for the CSV). */
async function* allBacktestInvoices(
  context: RequestContext,
  backtestId: string,
): AsyncGenerator<BacktestInvoice> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listBacktestInvoices(context, backtestId, {
      limit: 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
    yield* page.data;
    if (page.next_cursor === null) return;
    cursor = page.next_cursor;
  }
}

function presentBacktestInvoice(row: {
  invoice_id: string;
  invoice_number: string | null;
  customer_id: string;
  currency: string;
  issued_at: Date;
  billed_subtotal: string;
  would_be_subtotal: string;
  difference: string;
  lines: BacktestInvoice["lines"];
}): BacktestInvoice {
  return {
    invoice_id: row.invoice_id,
    invoice_number: row.invoice_number,
    customer_id: row.customer_id,
    currency: row.currency,
    issued_at: row.issued_at.toISOString(),
    billed_subtotal: row.billed_subtotal,
    would_be_subtotal: row.would_be_subtotal,
    difference: row.difference,
    lines: row.lines,
  };
}

/**
 * Cancels a backtest that has not finished: a queued one at once, a running
 * one when its job next looks (between batches of customers).
 */
export async function cancelBacktest(context: RequestContext, id: string): Promise<Backtest> {
  return context.database.transaction().execute(async (transaction) => {
    const row = await findInTenant(transaction, context, "backtests", id, "backtest", { lock: true });
    if (row.status !== "queued" && row.status !== "running") {
      throw conflict(
        "backtest_finished",
        `Backtest ${id} is ${row.status}; only a queued or running one can be canceled.`,
      );
    }
    if (row.cancel_requested_at !== null) return presentBacktest(row);
    const now = context.clock.now();
    const updated = await updateTenantRow(
      transaction,
      context,
      "backtests",
      id,
      row.status === "queued"
        ? { status: "canceled", cancel_requested_at: now, finished_at: now, updated_at: now }
        : { cancel_requested_at: now, updated_at: now },
    );
    const before = presentBacktest(row);
    const after = presentBacktest(updated);
    await recordAuditEvent(transaction, context, {
      action: updated.status === "canceled" ? "backtest.canceled" : "backtest.cancel_requested",
      objectType: "backtest",
      objectId: id,
      before,
      after,
    });
    if (updated.status === "canceled") await publishEvent(transaction, context, backtestCanceled, after);
    return after;
  });
}
