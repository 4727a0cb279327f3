// Prepaid credits as revenue: what a purchased grant cost the customer is
// deferred revenue; each use releases its share to the invoice that used it,
// and what expires (or is voided) unused is breakage. Shares are worked out on
// the running total of credits gone, rounded once per movement, so that the
// releases and the breakage of a fully used grant add up to its deferred value
// to the minor unit.
import type { Currency } from "../currency.ts";
import { Decimal, ZERO } from "../decimal.ts";
import { roundToMinorUnit } from "../money.ts";

export type PrepaidCreditMovement = {
  /** Credits (the grant's money) moved, positive. */
  readonly amount: Decimal;
  /** A void of an invoice giving used credits back, rather than credits going. */
  readonly givesBack: boolean;
};

/**
 * The deferred value each movement of a grant of `grantAmount` (bought for
 * `deferredValue`) releases, in ledger order: negative when it gives credits back.
 */
export function prepaidCreditReleases(input: {
  grantAmount: Decimal;
  deferredValue: Decimal;
  movements: readonly PrepaidCreditMovement[];
  currency: Currency;
}): Decimal[] {
  if (input.grantAmount.isZero()) return [];
  const ratio = input.deferredValue.dividedBy(input.grantAmount);
  let gone = ZERO;
  let released = ZERO;
  return input.movements.map((movement) => {
    gone = movement.givesBack ? gone.minus(movement.amount) : gone.plus(movement.amount);
    const releasedSoFar = roundToMinorUnit(ratio.times(gone), input.currency);
    const value = releasedSoFar.minus(released);
    released = releasedSoFar;
    return value.isZero() ? new Decimal(0) : value;
  });
}
