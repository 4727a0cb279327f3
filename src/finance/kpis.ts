// Billing KPIs over a range of months: MRR and ARR with their movements, net
// revenue retention, DSO, the recurring billing failure rate, the time to
// resolve disputes, revenue leakage per 1,000 events, and a usage-trend
// forecast of next month's revenue per customer. Everything comes from the
// same books as the journal, the reconciliation and the revenue reports.
import { billRunTotals } from "../billing-runs/index.ts";
import { currencyFor, Decimal, daysServed, formatAmount, sumDecimals, ZERO } from "../core/index.ts";
import { loadPaymentFacts, type PaymentFacts } from "../payments/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { validationFailed } from "../platform/errors.ts";
import {
  type AccountingPeriod,
  nextPeriod,
  parsePeriod,
  periodContaining,
  periodsFrom,
  previousPeriod,
} from "./accounting-periods.ts";
import type { Books } from "./books.ts";
import { readAsOf } from "./closed-periods.ts";
import { booksFor } from "./entity-books.ts";
import { reportingRateBook } from "./exchange-rates.ts";
import { readFinanceSettings } from "./finance-settings.ts";
import type { KpiInput, KpiView } from "./kpi-schemas.ts";
import { loadBooks } from "./load-books.ts";
import { reconcileReceivables } from "./receivables-reconciliation.ts";
import { historyBefore, netRevenueRetention, recurringRevenueSeries } from "./recurring-revenue.ts";
import { mrrInReportingCurrency } from "./reporting-currency.ts";
import { recognizeRevenue } from "./revenue-recognition.ts";
import { forecastNextMonth } from "./usage-forecast.ts";
import { UsagePricer } from "./usage-pricing.ts";
import { type ReconciliationProgress, reconcileUsage } from "./usage-reconciliation.ts";

const maximumMonths = 36;
const millisecondsPerHour = 3_600_000;

const money = (amount: Decimal, code: string) => formatAmount(amount, currencyFor(code));
const percent = (part: number | Decimal, whole: number | Decimal) => {
  const base = new Decimal(whole);
  return base.isZero() ? null : new Decimal(part).times(100).dividedBy(base).toFixed(2);
};

async function rangeOf(database: Database, scope: TenantScope, input: KpiInput, now: Date) {
  const { timeZone } = await readFinanceSettings(database, scope);
  const last =
    input.to === undefined
      ? previousPeriod(periodContaining(now.getTime(), timeZone))
      : parsePeriod(input.to, timeZone, "query.to");
  let first = last;
  for (let months = 1; months < 12; months++) first = previousPeriod(first);
  if (input.from !== undefined) first = parsePeriod(input.from, timeZone, "query.from");
  if (first.start > last.start)
    throw validationFailed([{ path: "query.to", message: "must not be before from" }]);
  const periods = periodsFrom(first, last);
  if (periods.length > maximumMonths) {
    throw validationFailed([
      { path: "query.from", message: `must be at most ${maximumMonths} months before to` },
    ]);
  }
  return { timeZone, periods, first, last };
}

export async function computeKpis(
  database: Database,
  scope: TenantScope,
  input: KpiInput,
  options: { now: Date; onProgress?: (progress: ReconciliationProgress) => void },
): Promise<KpiView> {
  const { timeZone, periods, first, last } = await rangeOf(database, scope, input, options.now);
  const facts = await loadPaymentFacts(database, scope);
  // Usage accrued at month ends counts as the month's usage revenue (usage MRR).
  const { books, entity } = await booksFor(
    database,
    scope,
    await loadBooks(database, scope, facts, { now: options.now }),
    input.billing_entity,
    "query.billing_entity",
  );
  const { schedules } = recognizeRevenue(books);
  const cohort = previousPeriod(first);
  const range: AccountingPeriod = {
    key: `${first.key}..${last.key}`,
    start: first.start,
    end: last.end,
    timeZone,
  };
  // A range of locked months reads its leakage as at the last one's lock (closed-periods.ts).
  const lastLock = periods.every((period) => readAsOf(books.locks, period) !== null)
    ? readAsOf(books.locks, last)
    : null;
  const usage = await reconcileUsage(database, scope, range, { ...options, asOf: lastLock });
  const pricer = new UsagePricer(database, scope, options.now);
  const leakage = new Map<string, Decimal>();
  for (const difference of usage.differences) {
    const priced = difference.priced;
    if (difference.category !== "leakage" || priced?.amount == null || priced.currency === null) continue;
    leakage.set(priced.currency, (leakage.get(priced.currency) ?? ZERO).plus(priced.amount));
  }
  const perThousand = (amount: Decimal) =>
    usage.ingested === 0 ? ZERO : amount.times(1000).dividedBy(usage.ingested);
  const byCurrency = (
    amounts: Map<string, Decimal>,
    scale: (amount: Decimal) => Decimal = (amount) => amount,
  ) =>
    [...amounts]
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([code, amount]) => ({ currency: code, amount: money(scale(amount), code) }));

  const series = recurringRevenueSeries({ books, schedules, history: historyBefore(books, first), periods });
  const mrr = series.map((month) => ({
    period: month.month,
    currency: month.currency,
    mrr: money(month.ending, month.currency),
    arr: money(month.ending.times(12), month.currency),
    customers: month.customers,
    starting_mrr: money(month.starting, month.currency),
    new: money(month.movements.newBusiness, month.currency),
    expansion: money(month.movements.expansion, month.currency),
    contraction: money(month.movements.contraction, month.currency),
    churn: money(month.movements.churn, month.currency),
    reactivation: money(month.movements.reactivation, month.currency),
    usage_mrr: money(month.usageMrr, month.currency),
  }));
  const book = await reportingRateBook(database, scope);
  return {
    from: first.key,
    to: last.key,
    ...(entity === null ? {} : { billing_entity_id: entity.id }),
    timezone: timeZone,
    generated_at: options.now.toISOString(),
    mrr,
    ...(book === null ? {} : { reporting: mrrInReportingCurrency(mrr, book) }),
    net_revenue_retention: netRevenueRetention(books, cohort, last).map((retention) => ({
      currency: retention.currency,
      cohort_period: cohort.key,
      starting_mrr: money(retention.starting, retention.currency),
      retained_mrr: money(retention.retained, retention.currency),
      percent: retention.rate === null ? null : retention.rate.toFixed(2),
    })),
    dso: daysSalesOutstanding(books, facts, periods),
    billing_failure_rate: await billingFailureRate(database, scope, books, facts, range),
    disputes: await disputeTimes(database, scope, facts, range),
    leakage: {
      events_ingested: usage.ingested,
      leaking_events: usage.eventsByCategory.leakage,
      per_thousand_events: perThousand(new Decimal(usage.eventsByCategory.leakage)).toFixed(2),
      amounts: byCurrency(leakage),
      amounts_per_thousand_events: byCurrency(leakage, perThousand),
    },
    forecast: {
      period: nextPeriod(last).key,
      customers: await forecastNextMonth({ books, last, next: nextPeriod(last), pricer }),
    },
  };
}

function daysSalesOutstanding(books: Books, facts: PaymentFacts, periods: readonly AccountingPeriod[]) {
  return periods.flatMap((period) => {
    const days = daysServed(period.start, period.end, period.timeZone);
    return reconcileReceivables(books, facts, period).totals.map((total) => {
      const invoiced = new Decimal(total.invoiced);
      return {
        period: period.key,
        currency: total.currency,
        receivable: total.closing_receivable,
        invoiced: total.invoiced,
        days: invoiced.isZero()
          ? null
          : new Decimal(total.closing_receivable).dividedBy(invoiced).times(days).toFixed(1),
      };
    });
  });
}

async function billingFailureRate(
  database: Database,
  scope: TenantScope,
  books: Books,
  facts: PaymentFacts,
  range: AccountingPeriod,
): Promise<KpiView["billing_failure_rate"]> {
  const recurring = new Set(
    books.invoices.filter((invoice) => invoice.origin !== "one_off").map((invoice) => invoice.id),
  );
  const attempts = facts.payments
    .filter(
      (payment) =>
        recurring.has(payment.invoiceId) &&
        payment.origin !== "manual" &&
        payment.status !== "pending" &&
        range.start <= payment.at &&
        payment.at < range.end,
    )
    .sort((left, right) => left.at - right.at);
  const firstAttempts = new Map<string, (typeof attempts)[number]>();
  for (const attempt of attempts)
    if (!firstAttempts.has(attempt.invoiceId)) firstAttempts.set(attempt.invoiceId, attempt);
  const failed = attempts.filter((attempt) => attempt.status === "failed").length;
  const firstFailed = [...firstAttempts.values()].filter((attempt) => attempt.status === "failed").length;
  // The bill runs' own records: customers they billed and those they could not.
  const { customers, errors } = await billRunTotals(database, scope, {
    from: new Date(range.start),
    to: new Date(range.end),
  });
  return {
    payment_attempts: attempts.length,
    failed_attempts: failed,
    attempt_failure_percent: percent(failed, attempts.length),
    invoices_charged: firstAttempts.size,
    invoices_first_attempt_failed: firstFailed,
    invoice_failure_percent: percent(firstFailed, firstAttempts.size),
    bill_run_customers: customers,
    bill_run_customer_errors: errors,
    bill_run_error_percent: percent(errors, customers),
  };
}

async function disputeTimes(
  database: Database,
  scope: TenantScope,
  facts: PaymentFacts,
  range: AccountingPeriod,
): Promise<KpiView["disputes"]> {
  const rows = await database
    .selectFrom("finance_disputes")
    .select(["status", "opened_at", "resolved_at"])
    .where(inTenant(scope))
    .execute();
  const within = (at: Date | null) => at !== null && range.start <= at.getTime() && at.getTime() < range.end;
  const hours = rows
    .filter((row) => within(row.resolved_at))
    .map((row) =>
      new Decimal((row.resolved_at as Date).getTime() - row.opened_at.getTime()).dividedBy(
        millisecondsPerHour,
      ),
    )
    .sort((left, right) => left.comparedTo(right));
  const middle = Math.floor(hours.length / 2);
  const median =
    hours.length === 0
      ? null
      : hours.length % 2 === 1
        ? (hours[middle] as Decimal)
        : (hours[middle - 1] as Decimal).plus(hours[middle] as Decimal).dividedBy(2);
  const chargebacks = facts.chargebacks.filter(
    (chargeback) => range.start <= chargeback.openedAt && chargeback.openedAt < range.end,
  );
  const lost = facts.chargebacks.filter(
    (chargeback) =>
      chargeback.status === "lost" &&
      chargeback.closedAt !== null &&
      range.start <= chargeback.closedAt &&
      chargeback.closedAt < range.end,
  );
  const amountsByCurrency = (disputes: PaymentFacts["chargebacks"]) => {
    const amounts = new Map<string, Decimal>();
    for (const dispute of disputes) {
      amounts.set(dispute.currency, (amounts.get(dispute.currency) ?? ZERO).plus(dispute.amount));
    }
    return [...amounts]
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([code, amount]) => ({ currency: code, amount: money(amount, code) }));
  };
  return {
    opened: rows.filter((row) => within(row.opened_at)).length,
    resolved: hours.length,
    open_now: rows.filter((row) => row.status === "open").length,
    median_hours_to_resolve: median?.toFixed(2) ?? null,
    average_hours_to_resolve:
      hours.length === 0 ? null : sumDecimals(hours).dividedBy(hours.length).toFixed(2),
    chargebacks: chargebacks.length,
    chargeback_amounts: amountsByCurrency(chargebacks),
    chargebacks_lost: lost.length,
    chargeback_lost_amounts: amountsByCurrency(lost),
  };
}
