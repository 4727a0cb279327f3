// A bill run: every customer of an environment with something due at `at`
// gets its invoices brought up to date, a chunk of customers at a time (or a
// few chunks side by side on PostgreSQL). Each chunk is billed by invoicing's
// `billCustomersDue` in a few statements per pass, whose transactions and
// unique keys make every invoice exactly once: a run killed at any point and
// started again finds the billed customers no longer due and issues only what
// is missing. This module keeps
// the operator's record: how far the run got, what it issued, and which
// customers failed (each with its error; the run goes on past them).

import { sql } from "kysely";
import { expireCredits } from "../credits/index.ts";
import { invoicedCustomerIds } from "../customers/index.ts";
import {
  billCustomersDue,
  billProgressivelyDue,
  countInvoices,
  customersPerPass,
  readBulkBillingSettings,
} from "../invoicing/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { errorMessage, FairbillError } from "../platform/errors.ts";
import { publishDomainEvent } from "../platform/events/domain-events.ts";
import { newId } from "../platform/ids.ts";
import { customersDueForBilling } from "../subscriptions/index.ts";
import { BillRunCompleted } from "./bill-run-events.ts";
import type { BillRunStatus, BillRunTrigger } from "./tables.ts";

export type BillRunProgress = {
  customersTotal: number;
  customersDone: number;
  invoicesIssued: number;
  invoicesFinalized: number;
  /** Customers that could not be billed. */
  errors: number;
};

export type BillRun = BillRunProgress & {
  id: string;
  at: Date;
  trigger: BillRunTrigger;
  status: BillRunStatus;
  failure: string | null;
  startedAt: Date;
  finishedAt: Date | null;
};

export type BillRunInput = {
  at: Date;
  trigger: BillRunTrigger;
  /** Customers billed side by side; more than one only helps on PostgreSQL. */
  concurrency?: number;
  /** Called after each customer (as each chunk of them ends), for progress bars. */
  onProgress?: (progress: BillRunProgress) => void;
  /**
   * Stop once this many invoices are issued: one slice of a long catch-up, so
   * that a queue worker can let other environments' work run in between. What
   * is left stays due for the next run; the result's `moreDue` says so.
   */
  invoiceLimit?: number;
};

/**
 * A run whose record has not moved for this long was interrupted (its process
 * died): a live run writes its progress every second, whatever it is doing.
 * The schedule passes the job lease instead (JOB_LEASE_SECONDS).
 */
const defaultInterruptedAfterSeconds = 15;
const customersPerPage = 1000;
/**
 * Customers billed together, in a few statements per pass (invoicing's
 * billCustomersDue): up to a pass's worth, and at most a twentieth of the run,
 * so that a small run still reports its progress (and commits) step by step.
 */
function customersPerChunk(customersTotal: number): number {
  return Math.max(1, Math.min(customersPerPass, Math.ceil(customersTotal / 20)));
}
const progressWriteMilliseconds = 1000;

/** Bills every customer of the context's environment with something due at `input.at`. */
export async function runBillRun(
  context: RequestContext,
  input: BillRunInput,
): Promise<BillRun & { moreDue: boolean }> {
  return (await billUnlessRunning(context, input, undefined)) as BillRun & { moreDue: boolean };
}

// An arbitrary constant that keeps this lock apart from other advisory locks.
const billRunStartLockSpace = 4_170_001;

/**
 * runBillRun, unless a run of the environment is in progress (its record
 * moved within `interruptedAfterSeconds`): then nothing, and undefined. The
 * look and the new run's record are one transaction under a lock of the
 * environment, so two nodes' ticks that start together never both run (two
 * runs side by side would each count the other's invoices when one dies).
 */
export async function runBillRunUnlessRunning(
  context: RequestContext,
  input: BillRunInput,
  interruptedAfterSeconds = defaultInterruptedAfterSeconds,
): Promise<(BillRun & { moreDue: boolean }) | undefined> {
  return billUnlessRunning(context, input, interruptedAfterSeconds);
}

async function billUnlessRunning(
  context: RequestContext,
  input: BillRunInput,
  interruptedAfterSeconds: number | undefined,
): Promise<(BillRun & { moreDue: boolean }) | undefined> {
  const { database } = context;
  await markInterruptedRuns(database, context, interruptedAfterSeconds);
  const customerIds = await dueCustomerIds(database, context, input.at);
  const invoicesBefore = await countInvoices(database, context);

  const id = newId("billRun");
  const started = await database.transaction().execute(async (transaction) => {
    if (interruptedAfterSeconds !== undefined) {
      await sql`select pg_advisory_xact_lock(${billRunStartLockSpace}, hashtext(${context.environmentId}))`.execute(
        transaction,
      );
      if (await hasRunInProgress(transaction, context, interruptedAfterSeconds)) return false;
    }
    await transaction
      .insertInto("bill_runs")
      .values({
        id,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        at: input.at,
        trigger: input.trigger,
        customers_total: customerIds.length,
        invoices_before: invoicesBefore,
      })
      .execute();
    return true;
  });
  if (!started) return undefined;

  const progress: BillRunProgress = {
    customersTotal: customerIds.length,
    customersDone: 0,
    invoicesIssued: 0,
    invoicesFinalized: 0,
    errors: 0,
  };
  let progressWrite: Promise<void> = Promise.resolve();
  const writeProgress = () => {
    progressWrite = progressWrite.then(() => recordProgress(database, id, progress));
    return progressWrite;
  };
  // The record moves once a second rather than once a customer: a run of
  // 10,000 customers should not spend its time updating one row.
  const progressTimer = setInterval(() => {
    writeProgress().catch((error: unknown) =>
      context.logger.warn({ err: error, bill_run_id: id }, "could not record bill run progress"),
    );
  }, progressWriteMilliseconds);
  progressTimer.unref();

  const invoicesLeft = () =>
    input.invoiceLimit === undefined ? undefined : input.invoiceLimit - progress.invoicesIssued;
  let moreDue = false;
  try {
    const settings = await readBulkBillingSettings(context);
    let nextChunk = 0;
    const chunkSize = customersPerChunk(customerIds.length);
    const chunkCount = Math.ceil(customerIds.length / chunkSize);
    const billNextChunks = async () => {
      for (let chunk = nextChunk++; chunk < chunkCount; chunk = nextChunk++) {
        const chunkIds = customerIds.slice(chunk * chunkSize, (chunk + 1) * chunkSize);
        const left = invoicesLeft();
        if (left !== undefined && left <= 0) {
          moreDue = true;
          break;
        }
        const outcomes = await billCustomersDue(context, chunkIds, input.at, {
          settings,
          ...(left === undefined ? {} : { invoiceLimit: left }),
        });
        for (const customerId of chunkIds) {
          const outcome = outcomes.get(customerId);
          if (outcome !== undefined && "error" in outcome) {
            progress.errors += 1;
            await recordCustomerError(database, context, id, customerId, outcome.error);
          } else if (outcome !== undefined) {
            progress.invoicesIssued += outcome.issued;
            progress.invoicesFinalized += outcome.finalized;
            if (outcome.more) moreDue = true;
          }
          progress.customersDone += 1;
          input.onProgress?.({ ...progress });
        }
      }
    };
    const concurrency = Math.max(1, Math.min(input.concurrency ?? 1, chunkCount));
    await Promise.all(Array.from({ length: concurrency }, billNextChunks));
    clearInterval(progressTimer);
    await progressWrite;
    if (!moreDue) {
      // Subscriptions that bill progressively are checked on every run, due or not.
      progress.invoicesIssued += await billProgressivelyDue(context, input.at);
      await expireCreditsAfter(context, input.at);
    }
    const run = await database.transaction().execute(async (transaction) => {
      const run = await finishRun(transaction, id, progress, { status: "completed", failure: null });
      await publishDomainEvent(
        transaction,
        context,
        BillRunCompleted,
        { bill_run_id: id, at: input.at.toISOString() },
        context.clock.now(),
      );
      return run;
    });
    return { ...run, moreDue };
  } catch (error) {
    clearInterval(progressTimer);
    await progressWrite.catch(() => {});
    const failure = describeError(error).message;
    await finishRun(database, id, progress, { status: "failed", failure }).catch((recordError: unknown) =>
      context.logger.error({ err: recordError, bill_run_id: id }, "could not record the bill run's failure"),
    );
    throw error;
  }
}

/** The bill runs of an environment, newest first. */
export async function listBillRuns(
  context: RequestContext,
  page: { limit: number; beforeId: string | undefined },
  filters: { billed?: boolean | undefined } = {},
): Promise<BillRun[]> {
  let query = selectInTenant(context.database, context, "bill_runs")
    .orderBy("id", "desc")
    .limit(page.limit + 1);
  if (page.beforeId !== undefined) query = query.where("id", "<", page.beforeId);
  if (filters.billed !== undefined) query = query.where("customers_total", filters.billed ? ">" : "=", 0);
  return (await query.execute()).map(billRunOf);
}

export type BillRunError = { customerId: string; code: string; message: string; occurredAt: Date };

/** A bill run with the customers it could not bill. */
export async function getBillRun(
  context: RequestContext,
  billRunId: string,
): Promise<BillRun & { customerErrors: BillRunError[] }> {
  const row = await selectInTenant(context.database, context, "bill_runs")
    .where("id", "=", billRunId)
    .executeTakeFirst();
  if (!row)
    throw new FairbillError({
      code: "not_found",
      status: 404,
      detail: `No bill run with id "${billRunId}".`,
    });
  const errors = await context.database
    .selectFrom("bill_run_errors")
    .selectAll()
    .where("bill_run_id", "=", billRunId)
    .where(inTenant(context))
    .orderBy("customer_id")
    .execute();
  return {
    ...billRunOf(row),
    customerErrors: errors.map((error) => ({
      customerId: error.customer_id,
      code: error.code,
      message: error.message,
      occurredAt: new Date(error.occurred_at),
    })),
  };
}

/** True when a run of the environment is in progress (its record moved within the interrupt threshold). */
export async function hasRunInProgress(
  database: Database,
  scope: TenantScope,
  interruptedAfterSeconds = defaultInterruptedAfterSeconds,
): Promise<boolean> {
  const row = await runningRuns(database, scope, "moving", interruptedAfterSeconds)
    .select("id")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The environment's runs marked running whose record moved within the
 * interrupt threshold (`moving`), or stopped moving for it (`stopped`: their
 * process died).
 */
function runningRuns(
  database: Database,
  scope: TenantScope,
  state: "moving" | "stopped",
  interruptedAfterSeconds: number,
) {
  const threshold = sql<Date>`now() - make_interval(secs => ${interruptedAfterSeconds})`;
  return database
    .selectFrom("bill_runs")
    .where(inTenant(scope))
    .where("status", "=", "running")
    .where("updated_at", state === "moving" ? ">=" : "<", threshold);
}

/**
 * What the environment's bill runs dated in [from, to) did, summed: the
 * customers they billed and those they could not (finance's failure rate).
 */
export async function billRunTotals(
  database: Database,
  scope: TenantScope,
  range: { from: Date; to: Date },
): Promise<{ customers: number; errors: number }> {
  const totals = await database
    .selectFrom("bill_runs")
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<string>("customers_done"), eb.val("0")).as("customers"),
      eb.fn.coalesce(eb.fn.sum<string>("errors"), eb.val("0")).as("errors"),
    ])
    .where(inTenant(scope))
    .where("at", ">=", range.from)
    .where("at", "<", range.to)
    .executeTakeFirstOrThrow();
  return { customers: Number(totals.customers), errors: Number(totals.errors) };
}

/** The ids of every customer with something due at `at`, read before billing starts so the run knows its size. */
/**
 * The customers to bill: those with a subscription due, a child whose parent
 * consolidates its billing standing for the parent (its subscriptions are
 * billed on the parent's invoices), each once.
 */
async function dueCustomerIds(database: Database, scope: TenantScope, at: Date): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const page = await customersDueForBilling(database, scope, at, customersPerPage, ids.at(-1));
    ids.push(...page);
    if (page.length < customersPerPage) break;
  }
  const invoiced: string[] = [];
  for (let first = 0; first < ids.length; first += customersPerPage)
    invoiced.push(
      ...(await invoicedCustomerIds(database, scope, ids.slice(first, first + customersPerPage))),
    );
  return [...new Set(invoiced)];
}

// The expiry entries come after billing: a run that catches up on invoices
// issued before a grant expired must still find the grant's balance (the
// engine only uses a grant on invoices issued before its expiry). A failure
// here is logged and does not fail the run.
async function expireCreditsAfter(context: RequestContext, at: Date): Promise<void> {
  try {
    await expireCredits(context.database, context, at);
  } catch (error) {
    context.logger.error({ err: error }, "could not write the expiry of credit grants before the bill run");
  }
}

/**
 * Closes as failed every run of the environment whose process died: its
 * record stopped moving for the threshold. What it issued is counted from the
 * invoices themselves (its progress reports lag by up to a second of work).
 * Every tick of the schedule and every new run calls this.
 */
export async function markInterruptedRuns(
  database: Database,
  scope: TenantScope,
  interruptedAfterSeconds = defaultInterruptedAfterSeconds,
): Promise<number> {
  const stale = await runningRuns(database, scope, "stopped", interruptedAfterSeconds)
    .select(["id", "invoices_before", "invoices_issued"])
    .execute();
  if (stale.length === 0) return 0;
  const invoicesNow = await countInvoices(database, scope);
  for (const run of stale) {
    const issued = run.invoices_before === null ? run.invoices_issued : invoicesNow - run.invoices_before;
    await database
      .updateTable("bill_runs")
      .set({
        status: "failed",
        invoices_issued: issued,
        failure: `interrupted: the run stopped reporting progress for more than ${interruptedAfterSeconds} seconds (its process stopped) after issuing ${issued} invoices; the next run bills what it left`,
        finished_at: sql<Date>`now()`,
      })
      .where("id", "=", run.id)
      .where("status", "=", "running")
      .execute();
  }
  return stale.length;
}

async function recordProgress(database: Database, id: string, progress: BillRunProgress): Promise<void> {
  await database
    .updateTable("bill_runs")
    .set({ ...progressColumns(progress), updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .where("status", "=", "running")
    .execute();
}

async function recordCustomerError(
  database: Database,
  context: RequestContext,
  billRunId: string,
  customerId: string,
  error: unknown,
): Promise<void> {
  const { code, message } = describeError(error);
  context.logger.warn(
    { err: error, bill_run_id: billRunId, customer_id: customerId },
    "could not bill a customer",
  );
  await database
    .insertInto("bill_run_errors")
    .values({
      bill_run_id: billRunId,
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      customer_id: customerId,
      code,
      message,
    })
    .onConflict((conflicting) => conflicting.columns(["bill_run_id", "customer_id"]).doNothing())
    .execute();
}

async function finishRun(
  database: Database,
  id: string,
  progress: BillRunProgress,
  outcome: { status: "completed" | "failed"; failure: string | null },
): Promise<BillRun> {
  const row = await database
    .updateTable("bill_runs")
    .set({
      ...progressColumns(progress),
      status: outcome.status,
      failure: outcome.failure,
      updated_at: sql<Date>`now()`,
      finished_at: sql<Date>`now()`,
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return billRunOf(row);
}

function progressColumns(progress: BillRunProgress) {
  return {
    customers_done: progress.customersDone,
    invoices_issued: progress.invoicesIssued,
    invoices_finalized: progress.invoicesFinalized,
    errors: progress.errors,
  };
}

type BillRunRow = {
  id: string;
  at: Date | string;
  trigger: BillRunTrigger;
  status: BillRunStatus;
  customers_total: number;
  customers_done: number;
  invoices_issued: number;
  invoices_finalized: number;
  errors: number;
  failure: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
};

function billRunOf(row: BillRunRow): BillRun {
  return {
    id: row.id,
    at: new Date(row.at),
    trigger: row.trigger,
    status: row.status,
    customersTotal: row.customers_total,
    customersDone: row.customers_done,
    invoicesIssued: row.invoices_issued,
    invoicesFinalized: row.invoices_finalized,
    errors: row.errors,
    failure: row.failure,
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}

const messageLimit = 2000;

function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof FairbillError)
    return { code: error.code, message: error.detail.slice(0, messageLimit) };
  const message = errorMessage(error);
  return { code: "unexpected_error", message: message.slice(0, messageLimit) };
}
