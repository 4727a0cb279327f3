// Proration of fixed charges and minimum commitments by whole local calendar
// days: `amount × days(partial) / days(full)`.
import type { BillingPeriod } from "./billing-periods.ts";
import type { Decimal } from "./decimal.ts";
import type { Instant } from "./instant.ts";
import { localDaysBetween } from "./time-zone.ts";

/** `days / fullDays`, kept as the two day counts so that a line can explain itself. */
export type ProrationFactor = {
  readonly days: number;
  readonly fullDays: number;
};

export const WHOLE_PERIOD: ProrationFactor = { days: 1, fullDays: 1 };

/** The share of `period`'s full period that `[from, to)` covers, in local calendar days. */
export function prorationFactor(
  range: { from: Instant; to: Instant },
  period: BillingPeriod,
  timeZone: string,
): ProrationFactor {
  return {
    days: localDaysBetween(range.from, range.to, timeZone),
    fullDays: localDaysBetween(period.fullStart, period.fullEnd, timeZone),
  };
}

function isWholePeriod(factor: ProrationFactor): boolean {
  return factor.days === factor.fullDays;
}

/** The exact (unrounded) prorated amount: multiplication first, one division last. */
export function prorate(amount: Decimal, factor: ProrationFactor): Decimal {
  if (isWholePeriod(factor)) return amount;
  return amount.times(factor.days).dividedBy(factor.fullDays);
}

/** The factor as text, `"21/30"`. */
export function formatProrationFactor(factor: ProrationFactor): string {
  return `${factor.days}/${factor.fullDays}`;
}
