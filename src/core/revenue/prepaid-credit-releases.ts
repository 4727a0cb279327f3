// Prepaid credits as revenue: what a purchased grant cost the customer is
// deferred revenue; each use releases its share to the invoice that used it,
// and what expires (or is voided) unused is breakage. Shares are worked out on
// the running total of credits gone, rounded once per movement, so that the
// releases and the breakage of a fully used grant add up to its deferred value
// to the minor unit. A credit note on the sale takes credits back at what it
// refunded; the credits left then share what is left of the deferred value.
import type { Currency } from "../currency.ts";
import { Decimal, ZERO } from "../decimal.ts";
import { roundToMinorUnit } from "../money.ts";

export type PrepaidCreditMovement = {
  /** Credits (the grant's money) moved, positive. */
  readonly amount: Decimal;
  /** A void of an invoice giving used credits back, rather than credits going. */
  readonly givesBack: boolean;
  /**
   * Credits taken back by a credit note on the invoice that sold them, with
   * the deferred value that credit note refunded: released as it is (the
   * credits left carry what is left of the deferred value from then on), or,
   * when it takes back every credit left, with all the deferred value left.
   */
  readonly returns?: Decimal;
};

/**
 * The deferred value each movement of a grant of `grantAmount` (bought for
 * `deferredValue`) releases, in ledger order: negative when it gives credits
 * back; a return releases what its credit note took off.
 */
export function prepaidCreditReleases(input: {
  grantAmount: Decimal;
  deferredValue: Decimal;
  movements: readonly PrepaidCreditMovement[];
  currency: Currency;
}): Decimal[] {
  if (input.grantAmount.isZero()) return [];
  // Each return starts a new stretch at the price left; within a stretch, shares are rounded on its running total.
  let stretch = { ratio: input.deferredValue.dividedBy(input.grantAmount), gone: ZERO, released: ZERO };
  let creditsGone = ZERO;
  let valueReleased = ZERO;
  return input.movements.map((movement) => {
    if (movement.returns !== undefined) {
      creditsGone = creditsGone.plus(movement.amount);
      const creditsLeft = input.grantAmount.minus(creditsGone);
      const value = creditsLeft.greaterThan(ZERO)
        ? movement.returns
        : input.deferredValue.minus(valueReleased);
      valueReleased = valueReleased.plus(value);
      const ratio = creditsLeft.greaterThan(ZERO)
        ? input.deferredValue.minus(valueReleased).dividedBy(creditsLeft)
        : ZERO;
      stretch = { ratio, gone: ZERO, released: ZERO };
      return value;
    }
    const signed = movement.givesBack ? movement.amount.negated() : movement.amount;
    creditsGone = creditsGone.plus(signed);
    stretch.gone = stretch.gone.plus(signed);
    const releasedSoFar = roundToMinorUnit(stretch.ratio.times(stretch.gone), input.currency);
    const value = releasedSoFar.minus(stretch.released);
    stretch.released = releasedSoFar;
    valueReleased = valueReleased.plus(value);
    return value.isZero() ? new Decimal(0) : value;
  });
}
