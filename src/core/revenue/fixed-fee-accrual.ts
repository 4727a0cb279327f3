// A fixed fee billed in arrears, earned before its invoice: ratably by day
// over its service period, as every fixed fee is (each local day of the zone
// weighs the same, a partly served day the part served), each month's share
// in whole minor units by largest remainders over the whole period, exactly
// as the invoice line is later spread. What it has earned by a month end is
// the sum of the shares of the months ended by then, so the month ends'
// accruals (monthEndAccrual) are the months' shares and, once the invoice
// reverses them, leave no cent behind.
import { allocateAmount } from "../allocation.ts";
import type { Currency } from "../currency.ts";
import { type Decimal, sumDecimals } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { daysServed, serviceMonths } from "./service-months.ts";

export type FeeShareOfMonth = {
  /** The local month, "2026-01". */
  month: string;
  /** The end of what the share serves in the month. */
  to: Instant;
  amount: Decimal;
};

/** `amount` for [start, end) spread over the local months it serves, by day, in whole minor units. */
export function ratableMonthShares(
  amount: Decimal,
  start: Instant,
  end: Instant,
  timeZone: string,
  currency: Currency,
): FeeShareOfMonth[] {
  const slices = serviceMonths(start, end, timeZone)
    .map((slice) => ({ ...slice, weight: daysServed(slice.from, slice.to, timeZone) }))
    .filter((slice) => !slice.weight.isZero());
  const pieces = allocateAmount(
    amount,
    slices.map((slice) => slice.weight),
    currency,
  );
  return slices.map((slice, index) => ({
    month: slice.month,
    to: slice.to,
    amount: pieces[index] as Decimal,
  }));
}

/** What the fee for [start, end) has earned by `cutoff` (a local month's end): the shares of the months ended by then. */
export function fixedFeeEarnedBy(
  amount: Decimal,
  period: { start: Instant; end: Instant },
  cutoff: Instant,
  timeZone: string,
  currency: Currency,
): Decimal {
  return sumDecimals(
    ratableMonthShares(amount, period.start, period.end, timeZone, currency)
      .filter((share) => share.to <= cutoff)
      .map((share) => share.amount),
  );
}
