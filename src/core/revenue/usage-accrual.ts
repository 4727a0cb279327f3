// Usage earned in a month and not yet invoiced (ASC 606-10-55-18): what a
// month end accrues for one charge's billing period is the period-to-date
// amount, priced as its invoice will price it, less what the earlier month
// ends of the same period accrued, so that the months together hold the
// period-to-date amount. Negative when a later event moved the period into a
// cheaper tier or under an allowance.
import { type Decimal, sumDecimals } from "../decimal.ts";

export function monthEndAccrual(
  periodToDate: Decimal,
  accruedByEarlierMonthEnds: readonly Decimal[],
): Decimal {
  return periodToDate.minus(sumDecimals(accruedByEarlierMonthEnds));
}
