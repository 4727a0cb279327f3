// The work of a backtest, run by its job: find the population's customers,
// then a batch of customers at a time, price their billed invoices the other
// way (invoicing's repricing, the bill run's own line computation), compare
// each invoice line by line (the core), store the comparisons and the
// progress, and stop at a cancel request. At the end the core sums the
// customers' movements into the summary. A second run of the same job (after
// a crash) starts the work over.

import type { Selectable, Updateable } from "kysely";
import { recordAuditEvent } from "../audit/index.ts";
import {
  type ComparableLine,
  type CustomerMovement,
  compareInvoiceLines,
  currencyFor,
  customerMovement,
  Decimal,
  formatAmount,
  type InvoiceComparison,
  type LineDifference,
  summarizeMovements,
} from "../core/index.ts";
import { customerRecordsByIds } from "../customers/index.ts";
import {
  customersBilledOnPlan,
  type PricedLine,
  type RepricedInvoice,
  type Repricing,
  repriceBilledInvoices,
} from "../invoicing/index.ts";
import { publishEvent } from "../notifications/index.ts";
import { batchesOf } from "../platform/batches.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { errorMessage } from "../platform/errors.ts";
import { runQueuedRun } from "../platform/jobs/queued-runs.ts";
import { slotOf, toRateChange } from "../subscriptions/index.ts";
import type {
  Backtest,
  BacktestLine,
  BacktestLineSide,
  BacktestPopulation,
  BacktestSummary,
  DrivingLine,
} from "./backtest-schemas.ts";
import { backtestCanceled, backtestCompleted, backtestFailed } from "./backtest-webhook-events.ts";
import { findBacktestRow, presentBacktest } from "./backtests.ts";
import type { BacktestTable } from "./tables.ts";

type BacktestRow = Selectable<BacktestTable>;

export type BacktestProgress = { customersTotal: number; customersDone: number; invoicesCompared: number };

export type BacktestRunOptions = {
  /** Customers priced per batch; the cancel request and the progress are looked at between batches. */
  batchSize?: number;
  /** Batches priced side by side; more than one only helps on PostgreSQL. */
  concurrency?: number;
  /** Called after each batch; a promise returned is awaited before the next batch of that lane. */
  onProgress?: (progress: BacktestProgress) => void | Promise<void>;
};

/** Where a line of an invoice came from, for the movers' driving line. */
type LineReference = { invoiceId: string; issuedAt: Date; line: PricedLine };

const customerRecordsPerQuery = 1000;
const rowsPerInsert = 200;
const moversPerCurrency = 10;

/** Runs a queued backtest to its end (completed, canceled or failed) and returns it. */
export async function runBacktest(
  context: RequestContext,
  backtestId: string,
  options: BacktestRunOptions = {},
): Promise<Backtest> {
  return runQueuedRun(context, {
    table: "backtests",
    id: backtestId,
    what: "backtest",
    startColumns: { customers_done: 0, invoices_compared: 0 },
    // A run that died part way is started over: what it compared is dropped.
    dropEarlierAttempt: (transaction) =>
      transaction.deleteFrom("backtest_invoices").where("backtest_id", "=", backtestId).execute(),
    present: presentBacktest,
    work: (started) => priceEveryCustomer(context, started, options),
    fail: (error) =>
      finish(
        context,
        backtestId,
        { status: "failed", failure: errorMessage(error).slice(0, 2000) },
        "backtest.failed",
      ),
  });
}

async function priceEveryCustomer(
  context: RequestContext,
  row: BacktestRow,
  options: BacktestRunOptions,
): Promise<Backtest> {
  const customerIds = await populationOf(context, row);
  const progress: BacktestProgress = {
    customersTotal: customerIds.length,
    customersDone: 0,
    invoicesCompared: 0,
  };
  await recordProgress(context, row.id, progress);
  const repricing = repricingOf(row);
  const currency = row.population.currency;
  const movements: CustomerMovement<LineReference>[] = [];
  const batchSize = Math.max(1, options.batchSize ?? 250);
  const batches = batchesOf(customerIds, batchSize);
  let next = 0;
  let canceled = false;
  // Lanes take the next batch until none is left or a cancel request is seen.
  const lane = async () => {
    for (let index = next++; index < batches.length && !canceled; index = next++) {
      if (await cancelRequested(context, row.id)) {
        canceled = true;
        return;
      }
      const batch = batches[index] as string[];
      const invoices = await repriceBilledInvoices(context.database, context, {
        customerIds: batch,
        from: row.period_from,
        to: row.period_to,
        repricing,
        ...(currency === undefined ? {} : { currency }),
      });
      const compared = invoices.map((invoice) => ({ invoice, comparison: compareInvoice(invoice) }));
      await storeComparisons(context, row.id, compared);
      movements.push(...movementsOf(compared));
      progress.customersDone += batch.length;
      progress.invoicesCompared += compared.length;
      await recordProgress(context, row.id, progress);
      await options.onProgress?.({ ...progress });
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, batches.length));
  await Promise.all(Array.from({ length: concurrency }, lane));
  if (canceled) return finish(context, row.id, { status: "canceled" }, "backtest.canceled");
  const summary = presentSummary(movements, progress.invoicesCompared);
  return finish(
    context,
    row.id,
    { status: "completed", summary: JSON.stringify(summary) },
    "backtest.completed",
  );
}

/** The population's customers, in id order: those billed on the plan in the periods, narrowed as asked. */
async function populationOf(context: RequestContext, row: BacktestRow): Promise<string[]> {
  const population: BacktestPopulation = row.population;
  const billed = await customersBilledOnPlan(context.database, context, {
    planId: row.plan_id,
    planVersionId: population.plan_version_id,
    from: row.period_from,
    to: row.period_to,
    customerIds: population.customer_ids,
    currency: population.currency,
    billedAtLeast: population.billed_at_least,
    billedBelow: population.billed_below,
  });
  const { metadata, country } = population;
  if (metadata === undefined && country === undefined) return billed;
  const kept = new Set<string>();
  for (const batch of batchesOf(billed, customerRecordsPerQuery)) {
    const records = await customerRecordsByIds(context.database, context, batch);
    for (const record of records) {
      if (country !== undefined && record.country !== country) continue;
      if (
        metadata !== undefined &&
        !Object.entries(metadata).every(([key, value]) => record.metadata[key] === value)
      )
        continue;
      kept.add(record.id);
    }
  }
  return billed.filter((id) => kept.has(id));
}

function repricingOf(row: BacktestRow): Repricing {
  if (row.contract_id !== null)
    return {
      kind: "contract",
      planId: row.plan_id,
      contractId: row.contract_id,
      rateCard: row.contract_rate_card ?? [],
    };
  if (row.plan_version_id !== null)
    return { kind: "version", planId: row.plan_id, versionId: row.plan_version_id };
  return {
    kind: "overrides",
    planId: row.plan_id,
    // In effect for every period, and ahead of any of the subscription's own on the same charge.
    overrides: (row.price_overrides ?? []).map((entry) => ({
      planId: row.plan_id,
      chargeId: entry.charge_id,
      slot: slotOf(entry.override.type),
      version: Number.MAX_SAFE_INTEGER,
      effectiveFrom: Number.MIN_SAFE_INTEGER,
      effectiveUntil: null,
      change: toRateChange(entry.override),
    })),
  };
}

function comparable(line: PricedLine, invoice: RepricedInvoice): ComparableLine<LineReference> {
  return {
    key: [line.subscription_id, line.charge_id, line.kind, line.period_start, line.period_end].join("|"),
    amount: new Decimal(line.amount),
    reference: { invoiceId: invoice.invoiceId, issuedAt: invoice.issuedAt, line },
  };
}

function compareInvoice(invoice: RepricedInvoice): InvoiceComparison<LineReference> {
  return compareInvoiceLines(
    invoice.billed.map((line) => comparable(line, invoice)),
    invoice.wouldBe.map((line) => comparable(line, invoice)),
  );
}

type Compared = { invoice: RepricedInvoice; comparison: InvoiceComparison<LineReference> };

function movementsOf(compared: readonly Compared[]): CustomerMovement<LineReference>[] {
  const groups = new Map<string, Compared[]>();
  for (const entry of compared) {
    const key = `${entry.invoice.customerId}|${entry.invoice.currency}`;
    const group = groups.get(key) ?? [];
    group.push(entry);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => {
    const { customerId, currency } = (group[0] as Compared).invoice;
    return customerMovement(
      customerId,
      currency,
      group.map((entry) => entry.comparison),
    );
  });
}

function side(line: PricedLine | undefined): BacktestLineSide | null {
  if (line === undefined) return null;
  return {
    plan_version_id: line.plan_version_id,
    description: line.description,
    quantity: line.quantity,
    amount: line.amount,
    details: line.details,
  };
}

function presentLine(difference: LineDifference<LineReference>, currency: string): BacktestLine {
  const billed = difference.billed?.reference.line;
  const wouldBe = difference.wouldBe?.reference.line;
  const either = (billed ?? wouldBe) as PricedLine;
  return {
    subscription_id: either.subscription_id,
    charge_id: either.charge_id,
    kind: either.kind,
    period_start: either.period_start,
    period_end: either.period_end,
    billed: side(billed),
    would_be: side(wouldBe),
    difference: formatAmount(difference.difference, currencyFor(currency)),
  };
}

async function storeComparisons(
  context: RequestContext,
  backtestId: string,
  compared: readonly Compared[],
): Promise<void> {
  const rows = compared.map(({ invoice, comparison }) => {
    const currency = currencyFor(invoice.currency);
    return {
      backtest_id: backtestId,
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      invoice_id: invoice.invoiceId,
      customer_id: invoice.customerId,
      invoice_number: invoice.number,
      currency: invoice.currency,
      issued_at: invoice.issuedAt,
      billed_subtotal: formatAmount(comparison.billedSubtotal, currency),
      would_be_subtotal: formatAmount(comparison.wouldBeSubtotal, currency),
      difference: formatAmount(comparison.difference, currency),
      lines: JSON.stringify(comparison.lines.map((line) => presentLine(line, invoice.currency))),
    };
  });
  for (const batch of batchesOf(rows, rowsPerInsert)) {
    await context.database.insertInto("backtest_invoices").values(batch).execute();
  }
}

function presentDrivingLine(
  line: LineDifference<LineReference> | null,
  currency: string,
): DrivingLine | null {
  if (line === null) return null;
  const reference = (line.billed ?? line.wouldBe)?.reference as LineReference;
  const money = currencyFor(currency);
  return {
    invoice_id: reference.invoiceId,
    issued_at: reference.issuedAt.toISOString(),
    subscription_id: reference.line.subscription_id,
    charge_id: reference.line.charge_id,
    kind: reference.line.kind,
    billed: line.billed === null ? null : formatAmount(line.billed.amount, money),
    would_be: line.wouldBe === null ? null : formatAmount(line.wouldBe.amount, money),
    difference: formatAmount(line.difference, money),
  };
}

function presentSummary(
  movements: readonly CustomerMovement<LineReference>[],
  invoices: number,
): BacktestSummary {
  const summary = summarizeMovements(movements, { movers: moversPerCurrency });
  const percent = (value: Decimal | null) => (value === null ? null : value.toFixed(2));
  const mover = (movement: CustomerMovement<LineReference>) => {
    const money = currencyFor(movement.currency);
    return {
      customer_id: movement.customerId,
      invoices: movement.invoices,
      billed: formatAmount(movement.billed, money),
      would_be: formatAmount(movement.wouldBe, money),
      change: formatAmount(movement.change, money),
      change_percent: percent(movement.changePercent),
      driving_line: presentDrivingLine(movement.drivingLine, movement.currency),
    };
  };
  return {
    customers: new Set(movements.map((movement) => movement.customerId)).size,
    invoices,
    currencies: summary.currencies.map((totals) => {
      const money = currencyFor(totals.currency);
      return {
        currency: totals.currency,
        customers: totals.customers,
        invoices: totals.invoices,
        billed: formatAmount(totals.billed, money),
        would_be: formatAmount(totals.wouldBe, money),
        change: formatAmount(totals.change, money),
        change_percent: percent(totals.changePercent),
        customers_paying_more: totals.customersPayingMore,
        customers_paying_less: totals.customersPayingLess,
        customers_unchanged: totals.customersUnchanged,
        largest_increases: totals.largestIncreases.map(mover),
        largest_decreases: totals.largestDecreases.map(mover),
      };
    }),
    histogram: summary.histogram.map((bucket) => ({
      label: bucket.label,
      from_percent: percent(bucket.fromPercent),
      to_percent: percent(bucket.toPercent),
      customers: bucket.customers,
    })),
  };
}

async function recordProgress(
  context: RequestContext,
  backtestId: string,
  progress: BacktestProgress,
): Promise<void> {
  await context.database
    .updateTable("backtests")
    .set({
      customers_total: progress.customersTotal,
      customers_done: progress.customersDone,
      invoices_compared: progress.invoicesCompared,
      updated_at: context.clock.now(),
    })
    .where("id", "=", backtestId)
    .execute();
}

async function cancelRequested(context: RequestContext, backtestId: string): Promise<boolean> {
  const row = await findBacktestRow(context.database, context, backtestId);
  return row?.cancel_requested_at !== null;
}

type Outcome =
  | { status: "completed"; summary: string }
  | { status: "canceled" }
  | { status: "failed"; failure: string };

const outcomeEvents = {
  "backtest.completed": backtestCompleted,
  "backtest.canceled": backtestCanceled,
  "backtest.failed": backtestFailed,
} as const;

/** Records how the backtest ended, with its audit entry and webhook event. */
async function finish(
  context: RequestContext,
  backtestId: string,
  outcome: Outcome,
  action: keyof typeof outcomeEvents,
): Promise<Backtest> {
  return context.database.transaction().execute(async (transaction: DatabaseTransaction) => {
    const before = await transaction
      .selectFrom("backtests")
      .selectAll()
      .where("id", "=", backtestId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const now = context.clock.now();
    const set: Updateable<BacktestTable> = { ...outcome, finished_at: now, updated_at: now };
    const after = await updateTenantRow(transaction, context, "backtests", backtestId, set);
    const backtest = presentBacktest(after);
    await recordAuditEvent(transaction, context, {
      action,
      objectType: "backtest",
      objectId: backtestId,
      before: presentBacktest(before),
      after: backtest,
    });
    await publishEvent(transaction, context, outcomeEvents[action], backtest);
    return backtest;
  });
}
