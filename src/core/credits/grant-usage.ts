// What a grant's ledger says was used of it (its burns, less what voided
// invoices gave back; expiries and voids are credits lost, not used), and
// what a credit note on the invoice that sold it takes back: a share of the
// credits left, as large as its refund's share of what is left of the sale.
import type { Currency } from "../currency.ts";
import { Decimal, maxDecimal, minDecimal, sumDecimals, ZERO } from "../decimal.ts";
import { roundToMinorUnit } from "../money.ts";
import { prepaidCreditReleases } from "../revenue/prepaid-credit-releases.ts";

export type GrantLedgerMovement = {
  kind: "increment" | "burn" | "expiry" | "void" | "void_reversal";
  /** As the ledger holds it: negative for what leaves the grant. */
  amount: Decimal;
  /** A void by a credit note on the sale: the part of the credits' price it refunded. */
  refunded?: Decimal;
};

/** The amount of a grant that invoices still hold: burns net of what voids gave back, never below zero. */
export function grantAmountUsed(movements: readonly GrantLedgerMovement[]): Decimal {
  const net = sumDecimals(
    movements
      .filter((movement) => movement.kind === "burn" || movement.kind === "void_reversal")
      .map((movement) => movement.amount),
  );
  return maxDecimal(ZERO, net.negated());
}

export type CreditsReturned =
  /** `refunded`: the credit note's refund net of tax, which finance releases from deferred revenue. */
  | { ok: true; credits: Decimal; refunded: Decimal }
  /** `creditable`: the most a credit note can still refund of the sale (net of tax): what is left of it. */
  | { ok: false; creditable: Decimal };

/**
 * The credits (the grant's money) a credit note on the invoice that sold
 * them takes back: it refunds its total less its tax (`refunded`) of the
 * sale's total less its tax. What is left of the sale is that price less
 * what the grant's movements so far released (as finance books them:
 * prepaidCreditReleases); the credit note may refund at most that, and takes
 * back the same share of the credits left (all of them for all of it),
 * rounded to the minor unit, ties away from zero, and at least one minor unit.
 */
export function creditsReturnedBy(input: {
  refund: { total: Decimal; tax: Decimal };
  sale: { total: Decimal; tax: Decimal };
  grantAmount: Decimal;
  remaining: Decimal;
  /** The grant's ledger after its increment, in order. */
  movements: readonly GrantLedgerMovement[];
  currency: Currency;
}): CreditsReturned {
  const refunded = input.refund.total.minus(input.refund.tax);
  const soldFor = input.sale.total.minus(input.sale.tax);
  const released = sumDecimals(
    prepaidCreditReleases({
      grantAmount: input.grantAmount,
      deferredValue: soldFor,
      movements: input.movements
        .filter((movement) => movement.kind !== "increment")
        .map((movement) => ({
          amount: movement.amount.abs(),
          givesBack: movement.kind === "void_reversal",
          ...(movement.refunded === undefined ? {} : { returns: movement.refunded }),
        })),
      currency: input.currency,
    }),
  );
  const left = input.remaining.isZero() ? ZERO : maxDecimal(ZERO, soldFor.minus(released));
  if (refunded.greaterThan(left)) return { ok: false, creditable: left };
  if (refunded.equals(left)) return { ok: true, credits: input.remaining, refunded };
  const share = roundToMinorUnit(refunded.times(input.remaining).dividedBy(left), input.currency);
  const smallest = new Decimal(1).dividedBy(10 ** input.currency.minorDigits);
  return { ok: true, credits: minDecimal(input.remaining, maxDecimal(smallest, share)), refunded };
}
