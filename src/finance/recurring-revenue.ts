// Monthly recurring revenue from what was invoiced: each subscription line
// (fees, usage, minimums, proration credits), net of discounts, credits and
// reversals, spread over its service period as an amount per month (a year
// billed in advance is a twelfth a month; 17 days of a 31-day month, 17/31 of
// a month). A customer's MRR at the end of a month is the sum of the lines
// whose service period covers its last instant. Movements compare each
// customer's MRR with the month before: new, expansion, contraction, churn
// and reactivation (back after a month at zero).
import { Temporal } from "temporal-polyfill";
import { Decimal, type Instant, toZonedDateTime, ZERO } from "../core/index.ts";
import type { AccountingPeriod } from "./accounting-periods.ts";
import type { RevenueSchedule } from "./revenue-recognition.ts";

/** Months from `start` to `end` in the zone: whole months, then the rest of a month as days over its days. */
function monthsBetween(start: Instant, end: Instant, timeZone: string): Decimal {
  if (end <= start) return ZERO;
  const from = toZonedDateTime(start, timeZone);
  const to = toZonedDateTime(end, timeZone);
  let whole = 0;
  while (Temporal.ZonedDateTime.compare(from.add({ months: whole + 1 }), to) <= 0) whole += 1;
  const rest = from.add({ months: whole });
  const next = from.add({ months: whole + 1 });
  const remaining = new Decimal(to.epochMilliseconds - rest.epochMilliseconds).dividedBy(
    next.epochMilliseconds - rest.epochMilliseconds,
  );
  return remaining.plus(whole);
}

/** A recurring line's amount per month and the service period it covers. */
export type RecurringLine = {
  customerId: string;
  currency: string;
  start: Instant;
  end: Instant;
  perMonth: Decimal;
  usage: boolean;
};

const recurringKinds = new Set(["fixed", "usage", "minimum_true_up", "proration_credit"]);

export function recurringLines(schedules: readonly RevenueSchedule[], timeZone: string): RecurringLine[] {
  const lines: RecurringLine[] = [];
  for (const schedule of schedules) {
    if (!recurringKinds.has(schedule.kind) || schedule.serviceStart === null || schedule.serviceEnd === null)
      continue;
    // What the line is worth after credit notes and voids: its revenue less its reversals.
    const reversed = schedule.entries
      .filter((entry) => entry.type === "reversal")
      .reduce((sum, entry) => sum.plus(entry.amount), ZERO);
    const net = schedule.amount.plus(reversed);
    const months = monthsBetween(schedule.serviceStart, schedule.serviceEnd, timeZone);
    if (months.isZero() || net.isZero()) continue;
    lines.push({
      customerId: schedule.customerId,
      currency: schedule.currency,
      start: schedule.serviceStart,
      end: schedule.serviceEnd,
      perMonth: net.dividedBy(months),
      usage: schedule.kind === "usage",
    });
  }
  return lines;
}

/** Each customer's MRR at the last instant of the month, by `customerId|currency`, unrounded. */
export function mrrAt(lines: readonly RecurringLine[], period: AccountingPeriod): Map<string, Decimal> {
  const at = period.end - 1;
  const mrr = new Map<string, Decimal>();
  for (const line of lines) {
    if (line.start > at || at >= line.end) continue;
    const key = `${line.customerId}|${line.currency}`;
    mrr.set(key, (mrr.get(key) ?? ZERO).plus(line.perMonth));
  }
  return mrr;
}

export type Movements = {
  newBusiness: Decimal;
  expansion: Decimal;
  contraction: Decimal;
  churn: Decimal;
  reactivation: Decimal;
};

export type MonthOfMrr = {
  period: string;
  currency: string;
  starting: Decimal;
  ending: Decimal;
  customers: number;
  movements: Movements;
};

const positive = (amount: Decimal | undefined) => amount?.greaterThan(ZERO) === true;

/**
 * MRR and its movements for each month of `periods` (in order), per
 * currency. `history` is every month before the first, oldest first: a
 * customer back at MRR after any month at zero is a reactivation, not new.
 */
export function mrrSeries(
  lines: readonly RecurringLine[],
  history: readonly AccountingPeriod[],
  periods: readonly AccountingPeriod[],
): MonthOfMrr[] {
  const hadMrr = new Set<string>();
  for (const period of history)
    for (const [key, amount] of mrrAt(lines, period)) if (positive(amount)) hadMrr.add(key);
  const previousPeriod = history.at(-1);
  let previous = previousPeriod === undefined ? new Map<string, Decimal>() : mrrAt(lines, previousPeriod);
  const months: MonthOfMrr[] = [];
  for (const period of periods) {
    const current = mrrAt(lines, period);
    const byCurrency = new Map<string, MonthOfMrr>();
    const monthOf = (currency: string) => {
      let month = byCurrency.get(currency);
      if (month === undefined) {
        month = {
          period: period.key,
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
        byCurrency.set(currency, month);
      }
      return month;
    };
    for (const key of new Set([...previous.keys(), ...current.keys()])) {
      const currency = key.split("|")[1] ?? "";
      const before = previous.get(key) ?? ZERO;
      const after = current.get(key) ?? ZERO;
      const month = monthOf(currency);
      month.starting = month.starting.plus(before);
      month.ending = month.ending.plus(after);
      if (positive(after)) month.customers += 1;
      const change = after.minus(before);
      const { movements } = month;
      if (!positive(before) && positive(after)) {
        if (hadMrr.has(key)) movements.reactivation = movements.reactivation.plus(after);
        else movements.newBusiness = movements.newBusiness.plus(after);
      } else if (positive(before) && !positive(after)) movements.churn = movements.churn.plus(change);
      else if (change.greaterThan(ZERO)) movements.expansion = movements.expansion.plus(change);
      else movements.contraction = movements.contraction.plus(change);
      if (positive(after)) hadMrr.add(key);
    }
    months.push(
      ...[...byCurrency.values()].sort((left, right) => left.currency.localeCompare(right.currency)),
    );
    previous = current;
  }
  return months;
}

/** MRR at the end of `to` of the customers with MRR at the end of `start`, over their MRR then (per currency). */
export function netRevenueRetention(
  lines: readonly RecurringLine[],
  start: AccountingPeriod,
  end: AccountingPeriod,
): { currency: string; starting: Decimal; retained: Decimal; rate: Decimal | null }[] {
  const before = mrrAt(lines, start);
  const after = mrrAt(lines, end);
  const sums = new Map<string, { starting: Decimal; retained: Decimal }>();
  for (const [key, amount] of before) {
    if (!positive(amount)) continue;
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
