// A wallet counts prepaid credits in its own unit at a rate (credits per unit
// of money); what the credits are worth, and what a grant's money is in
// credits, are these two conversions. A top-up must come out in whole minor
// units of the currency, since its value is a grant's amount.
import type { Currency } from "../currency.ts";
import type { Decimal } from "../decimal.ts";
import { fitsMinorUnit } from "../money.ts";

/**
 * The money `credits` are worth at `rate` credits per unit of the currency,
 * and whether that is an exact whole number of the currency's minor unit
 * (when not, the value cannot be a grant's amount and the top-up is refused).
 */
export function walletCreditValue(
  credits: Decimal,
  rate: Decimal,
  currency: Currency,
): { value: Decimal; inWholeMinorUnits: boolean } {
  const value = credits.dividedBy(rate);
  return { value, inWholeMinorUnits: value.times(rate).equals(credits) && fitsMinorUnit(value, currency) };
}

/** The credits an amount of money in the wallet is, at `rate` credits per unit of the currency. */
export function walletCreditsOf(value: Decimal, rate: Decimal): Decimal {
  return value.times(rate);
}
