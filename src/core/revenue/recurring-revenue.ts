// Monthly recurring revenue as finance teams define it: the committed
// recurring fees a customer is contracted for, normalized to a month, at the
// list or contracted price after recurring discounts. Usage, one-off items,
// credits (promotional or purchased) and credit notes are not MRR: credits and
// credit notes pay or correct an invoice, they do not change what the
// customer committed to; usage is variable and is reported apart as usage MRR,
// a trailing average of recognized usage revenue.
//
// Each customer's month is measured in the customer's own time zone: a Berlin
// customer's March runs from 1 March 00:00 in Berlin, so a fee for its March
// is one month, never 1.0954 months of UTC time. MRR at the end of a month is
// the fees whose service period covers the customer's last instant of it.
//
// Movements compare each customer's MRR with the month before: new business
// (first MRR ever), expansion, contraction, churn (to zero) and reactivation
// (back after a month at zero).
import { Temporal } from "temporal-polyfill";
import { Decimal, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { startOfLocalDate } from "../time-zone.ts";

/** A recurring fee as invoiced: one service period of one charge. */
export type CommittedFee = {
  customerId: string;
  currency: string;
  /** The customer's time zone, in which its months are measured. */
  timeZone: string;
  /** The service period the fee pays for: [start, end). */
  start: Instant;
  end: Instant;
  /**
   * The fee for a whole billing period at the contracted price (quantity
   * included), after recurring discounts; negative for the unused part of a
   * fee credited back at a plan change (the old fee stops counting from then).
   */
  periodAmount: Decimal;
  /** Months in one billing period: 1 for a month, 3 for a quarter, 12 for a year, 12/52 for a week. */
  periodMonths: Decimal;
  /** When the fee became known (its invoice was finalized). */
  knownFrom: Instant;
  /** When its invoice was voided, if it was: from then on the fee no longer counts. */
  withdrawnAt: Instant | null;
};

const monthPattern = /^\d{4}-\d{2}$/;

/** The first instant after the month (`2026-03`) in the zone. */
export function endOfLocalMonth(month: string, timeZone: string): Instant {
  if (!monthPattern.test(month)) throw new Error(`not a month: ${month}`);
  const first = Temporal.PlainYearMonth.from(month).toPlainDate({ day: 1 });
  return startOfLocalDate(first.add({ months: 1 }), timeZone);
}

/** Months in `count` billing intervals of `unit`, for normalizing a fee to a month. */
export function monthsInInterval(
  unit: "day" | "week" | "month" | "quarter" | "year",
  count: number,
): Decimal {
  const perUnit: Record<typeof unit, Decimal> = {
    day: new Decimal(12).dividedBy(365),
    week: new Decimal(12).dividedBy(52),
    month: new Decimal(1),
    quarter: new Decimal(3),
    year: new Decimal(12),
  };
  return perUnit[unit].times(count);
}

/** A fee's amount per month. */
function monthlyAmount(fee: Pick<CommittedFee, "periodAmount" | "periodMonths">): Decimal {
  return fee.periodMonths.isZero() ? ZERO : fee.periodAmount.dividedBy(fee.periodMonths);
}

/**
 * Each customer's MRR at the end of `month` (each in its own zone), by
 * `customerId|currency`, unrounded. With `asOf` (the month's lock), only what
 * was known then counts: a locked month reads as it stood at its lock.
 */
export function committedMrr(
  fees: readonly CommittedFee[],
  month: string,
  asOf: Instant | null = null,
): Map<string, Decimal> {
  const mrr = new Map<string, Decimal>();
  const lastInstant = new Map<string, Instant>();
  for (const fee of fees) {
    if (asOf !== null && fee.knownFrom > asOf) continue;
    let at = lastInstant.get(fee.timeZone);
    if (at === undefined) {
      at = endOfLocalMonth(month, fee.timeZone) - 1;
      lastInstant.set(fee.timeZone, at);
    }
    if (fee.start > at || at >= fee.end) continue;
    if (fee.withdrawnAt !== null && fee.withdrawnAt <= at) continue;
    const key = `${fee.customerId}|${fee.currency}`;
    mrr.set(key, (mrr.get(key) ?? ZERO).plus(monthlyAmount(fee)));
  }
  return mrr;
}

export type MrrMovements = {
  newBusiness: Decimal;
  expansion: Decimal;
  contraction: Decimal;
  churn: Decimal;
  reactivation: Decimal;
};

export type MonthOfMrr = {
  month: string;
  currency: string;
  starting: Decimal;
  ending: Decimal;
  customers: number;
  movements: MrrMovements;
};

const positive = (amount: Decimal | undefined) => amount?.greaterThan(ZERO) === true;

/**
 * MRR and its movements for each of `months` (in order), per currency.
 * `mrrOf` gives each customer's MRR (`customerId|currency`) at the end of a
 * month; `history` is every month before the first, oldest first: a customer
 * back at MRR after any month at zero is a reactivation, not new business.
 */
export function mrrMovements(
  mrrOf: (month: string) => Map<string, Decimal>,
  history: readonly string[],
  months: readonly string[],
): MonthOfMrr[] {
  const hadMrr = new Set<string>();
  for (const month of history)
    for (const [key, amount] of mrrOf(month)) if (positive(amount)) hadMrr.add(key);
  const before = history.at(-1);
  let previous = before === undefined ? new Map<string, Decimal>() : mrrOf(before);
  const series: MonthOfMrr[] = [];
  for (const month of months) {
    const current = mrrOf(month);
    const byCurrency = new Map<string, MonthOfMrr>();
    const monthOf = (currency: string) => {
      let found = byCurrency.get(currency);
      if (found === undefined) {
        found = {
          month,
          currency,
          starting: ZERO,
          ending: ZERO,
          customers: 0,
          movements: {
            newBusiness: ZERO,
            expansion: ZERO,
            contraction: ZERO,
            churn: ZERO,
            reactivation: ZERO,
          },
        };
        byCurrency.set(currency, found);
      }
      return found;
    };
    for (const key of new Set([...previous.keys(), ...current.keys()])) {
      const currency = key.split("|")[1] ?? "";
      const start = previous.get(key) ?? ZERO;
      const end = current.get(key) ?? ZERO;
      const sums = monthOf(currency);
      sums.starting = sums.starting.plus(start);
      sums.ending = sums.ending.plus(end);
      if (positive(end)) sums.customers += 1;
      const change = end.minus(start);
      const { movements } = sums;
      if (!positive(start) && positive(end)) {
        if (hadMrr.has(key)) movements.reactivation = movements.reactivation.plus(end);
        else movements.newBusiness = movements.newBusiness.plus(end);
      } else if (positive(start) && !positive(end)) movements.churn = movements.churn.plus(change);
      else if (change.greaterThan(ZERO)) movements.expansion = movements.expansion.plus(change);
      else movements.contraction = movements.contraction.plus(change);
      if (positive(end)) hadMrr.add(key);
    }
    series.push(
      ...[...byCurrency.values()].sort((left, right) => left.currency.localeCompare(right.currency)),
    );
    previous = current;
  }
  return series;
}

/** The average of the amounts of `months` (a month without any counts as zero): usage MRR over a trailing window. */
export function trailingAverage(amounts: ReadonlyMap<string, Decimal>, months: readonly string[]): Decimal {
  if (months.length === 0) return ZERO;
  return months.reduce((sum, month) => sum.plus(amounts.get(month) ?? ZERO), ZERO).dividedBy(months.length);
}
