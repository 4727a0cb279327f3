// When revenue is earned, as weights over accounting months: ratably by day
// over a service period (each local day of the accounting zone weighs the
// same; a partly served day weighs the part served), or by the usage of each
// month. A pattern gives one portion per month touched, dated at the end of
// what it serves in that month.
import type { Instant } from "../core/index.ts";
import { Decimal, daysServed, serviceMonths } from "../core/index.ts";
import { periodContaining } from "./accounting-periods.ts";

export type Portion = {
  /** The end of what the portion serves: revenue is earned by then. */
  at: Instant;
  /** The accounting month, "2026-10". */
  period: string;
  weight: Decimal;
};

/** The service period cut at month boundaries: [start, end) of each month it touches. */
function monthSlices(start: Instant, end: Instant, timeZone: string) {
  return serviceMonths(start, end, timeZone).map((month) => ({
    from: month.from,
    to: month.to,
    period: month.month,
  }));
}

/** Ratably by day over [start, end): fixed fees, minimum commitments, proration credits. */
export function ratableByDay(start: Instant, end: Instant, timeZone: string): Portion[] {
  return monthSlices(start, end, timeZone)
    .map((slice) => ({
      at: slice.to,
      period: slice.period,
      weight: daysServed(slice.from, slice.to, timeZone),
    }))
    .filter((portion) => !portion.weight.isZero());
}

/**
 * Usage over [start, end): in the month of use. A period inside one month is
 * earned in it; a period over several months is split by the usage of each
 * (`usageByPeriod`, events counted per month), or by day when none was counted.
 */
export function inPeriodOfUse(
  start: Instant,
  end: Instant,
  timeZone: string,
  usageByPeriod: ReadonlyMap<string, Decimal> | undefined,
): Portion[] {
  const slices = monthSlices(start, end, timeZone);
  if (slices.length <= 1) {
    const period = slices[0]?.period ?? periodContaining(start, timeZone).key;
    return [{ at: end, period, weight: new Decimal(1) }];
  }
  const counted = slices.map((slice) => usageByPeriod?.get(slice.period) ?? new Decimal(0));
  if (counted.every((weight) => weight.isZero())) return ratableByDay(start, end, timeZone);
  return slices
    .map((slice, index) => ({ at: slice.to, period: slice.period, weight: counted[index] as Decimal }))
    .filter((portion) => !portion.weight.isZero());
}
