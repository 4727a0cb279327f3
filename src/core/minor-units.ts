// Providers count money in the currency's minor unit as an integer (cents for
// USD, yen for JPY, fils for BHD); Fairbill keeps exact decimals. These two
// convert between them by the ISO 4217 minor digits, refusing any amount
// that does not fall on a whole minor unit rather than rounding it.

import { currencyFor } from "./currency.ts";
import { Decimal } from "./decimal.ts";

export function toMinorUnits(amount: Decimal, currency: string): number {
  const scaled = amount.times(new Decimal(10).pow(currencyFor(currency).minorDigits));
  if (!scaled.isInteger()) {
    throw new Error(`${amount.toFixed()} ${currency} is not a whole number of the currency's minor unit.`);
  }
  return scaled.toNumber();
}

/**
 * `minorUnits` (an integer, or a decimal text such as Stripe's
 * `unit_amount_decimal` "0.5" for half a cent) as an amount in the major
 * unit. Exact: a fraction of a minor unit stays that fraction.
 */
export function fromMinorUnits(minorUnits: number | string, currency: string): Decimal {
  return new Decimal(minorUnits).dividedBy(new Decimal(10).pow(currencyFor(currency).minorDigits));
}
