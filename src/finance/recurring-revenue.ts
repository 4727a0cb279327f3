// Monthly recurring revenue from the books, by the core's definition
// (core/revenue/recurring-revenue.ts): every subscription fee invoiced (fixed
// fees, quantity changes, and the proration credits that end a fee early) at
// its full-period contracted price after recurring discounts, normalized to a
// month, measured at the end of each customer's own month. Usage MRR, apart,
// is the average usage revenue recognized over the last three months.
// A locked month reads as it stood at its lock: fees invoiced later do not
// count in it, and a void counts from its own date (closed-periods.ts).
import {
  type CommittedFee,
  committedMrr,
  Decimal,
  type MonthOfMrr,
  mrrMovements,
  trailingAverage,
  ZERO,
} from "../core/index.ts";
import {
  type AccountingPeriod,
  periodContaining,
  periodsFrom,
  previousPeriod,
} from "./accounting-periods.ts";
import type { BookInvoice, BookLock, Books } from "./books.ts";
import { readAsOf } from "./closed-periods.ts";
import type { RevenueSchedule } from "./revenue-recognition.ts";

const feeKinds = new Set(["fixed", "quantity_change", "proration_credit"]);

/** The share of an invoice's fees that its recurring discounts (forever coupons) leave. */
function recurringShare(invoice: BookInvoice): Decimal {
  const discount = invoice.discounts
    .filter((entry) => entry.recurring)
    .reduce((sum, entry) => sum.plus(entry.amount), ZERO);
  if (discount.isZero() || !invoice.subtotal.greaterThan(ZERO)) return new Decimal(1);
  return new Decimal(1).minus(discount.dividedBy(invoice.subtotal));
}

/** Every subscription fee of the books as a committed fee. */
export function committedFees(books: Books): CommittedFee[] {
  const fees: CommittedFee[] = [];
  for (const invoice of books.invoices) {
    const share = recurringShare(invoice);
    for (const line of invoice.lines) {
      if (!feeKinds.has(line.kind) || line.subscriptionId === null) continue;
      if (line.periodStart === null || line.periodEnd === null || line.periodEnd <= line.periodStart)
        continue;
      if (line.periodAmount == null || line.periodMonths == null) continue;
      fees.push({
        customerId: invoice.customerId,
        currency: invoice.currency,
        timeZone: invoice.timeZone,
        start: line.periodStart,
        end: line.periodEnd,
        periodAmount: line.periodAmount.times(share),
        periodMonths: line.periodMonths,
        knownFrom: invoice.finalizedAt,
        withdrawnAt: invoice.voidedAt,
      });
    }
  }
  return fees;
}

/** Each customer's MRR (`customerId|currency`) at the end of the month, as at its lock when it is locked. */
export function mrrOfMonth(
  fees: readonly CommittedFee[],
  locks: readonly BookLock[],
  period: AccountingPeriod,
): Map<string, Decimal> {
  return committedMrr(fees, period.key, readAsOf(locks, period));
}

/** Usage revenue recognized per `currency` and month, from the usage lines' schedules. */
function usageRevenueByMonth(schedules: readonly RevenueSchedule[]): Map<string, Map<string, Decimal>> {
  const byCurrency = new Map<string, Map<string, Decimal>>();
  for (const schedule of schedules) {
    if (schedule.kind !== "usage") continue;
    const months = byCurrency.get(schedule.currency) ?? new Map<string, Decimal>();
    for (const entry of schedule.entries) {
      if (entry.type !== "revenue" && entry.type !== "reversal") continue;
      months.set(entry.period, (months.get(entry.period) ?? ZERO).plus(entry.amount));
    }
    byCurrency.set(schedule.currency, months);
  }
  return byCurrency;
}

const usageMrrMonths = 3;

export type MonthOfRecurringRevenue = MonthOfMrr & { usageMrr: Decimal };

/**
 * MRR and its movements for each of `periods`, per currency, with usage MRR
 * beside it. `history` is every month before the first, for telling
 * reactivations from new business.
 */
export function recurringRevenueSeries(input: {
  books: Books;
  schedules: readonly RevenueSchedule[];
  history: readonly AccountingPeriod[];
  periods: readonly AccountingPeriod[];
}): MonthOfRecurringRevenue[] {
  const fees = committedFees(input.books);
  const byKey = new Map([...input.history, ...input.periods].map((period) => [period.key, period] as const));
  const mrrOf = (month: string) => {
    const period = byKey.get(month);
    return period === undefined ? new Map<string, Decimal>() : mrrOfMonth(fees, input.books.locks, period);
  };
  const usage = usageRevenueByMonth(input.schedules);
  const series = mrrMovements(
    mrrOf,
    input.history.map((period) => period.key),
    input.periods.map((period) => period.key),
  );
  const currencies = new Set(series.map((month) => month.currency));
  for (const currency of usage.keys()) currencies.add(currency);
  const result: MonthOfRecurringRevenue[] = [];
  for (const period of input.periods) {
    const window = trailingMonths(period);
    for (const currency of [...currencies].sort()) {
      const found = series.find((month) => month.month === period.key && month.currency === currency);
      const usageMrr = trailingAverage(usage.get(currency) ?? new Map(), window);
      if (found === undefined && usageMrr.isZero()) continue;
      result.push({
        ...(found ?? emptyMonth(period.key, currency)),
        usageMrr,
      });
    }
  }
  return result;
}

function trailingMonths(period: AccountingPeriod): string[] {
  let first = period;
  for (let count = 1; count < usageMrrMonths; count++) first = previousPeriod(first);
  return periodsFrom(first, period).map((month) => month.key);
}

function emptyMonth(month: string, currency: string): MonthOfMrr {
  return {
    month,
    currency,
    starting: ZERO,
    ending: ZERO,
    customers: 0,
    movements: { newBusiness: ZERO, expansion: ZERO, contraction: ZERO, churn: ZERO, reactivation: ZERO },
  };
}

/** Every month from the first fee's up to (not including) `first`, for telling reactivations from new business. */
export function historyBefore(books: Books, first: AccountingPeriod): AccountingPeriod[] {
  const earliest = committedFees(books).reduce((soonest, fee) => Math.min(soonest, fee.start), first.start);
  if (earliest >= first.start) return [previousPeriod(first)];
  return periodsFrom(periodContaining(earliest, first.timeZone), previousPeriod(first));
}

/** MRR at the end of `end` of the customers with MRR at the end of `start`, over their MRR then (per currency). */
export function netRevenueRetention(
  books: Books,
  start: AccountingPeriod,
  end: AccountingPeriod,
): { currency: string; starting: Decimal; retained: Decimal; rate: Decimal | null }[] {
  const fees = committedFees(books);
  const before = mrrOfMonth(fees, books.locks, start);
  const after = mrrOfMonth(fees, books.locks, end);
  const sums = new Map<string, { starting: Decimal; retained: Decimal }>();
  for (const [key, amount] of before) {
    if (!amount.greaterThan(ZERO)) continue;
    const currency = key.split("|")[1] ?? "";
    const sum = sums.get(currency) ?? { starting: ZERO, retained: ZERO };
    sums.set(currency, {
      starting: sum.starting.plus(amount),
      retained: sum.retained.plus(after.get(key) ?? ZERO),
    });
  }
  return [...sums]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([currency, sum]) => ({
      currency,
      starting: sum.starting,
      retained: sum.retained,
      rate: sum.starting.isZero() ? null : sum.retained.dividedBy(sum.starting).times(100),
    }));
}
