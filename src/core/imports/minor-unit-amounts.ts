// Amounts that other billing systems write in the currency's minor unit
// (Stripe's `unit_amount_decimal` "1250" for 12.50 USD, "0.5" for half a
// cent, "500" for 500 JPY) as Fairbill's exact decimal amounts. Exact: a
// price of a fraction of a cent stays that fraction; nothing is rounded.
import type { Currency } from "../currency.ts";
import { Decimal } from "../decimal.ts";

/** `minorUnits` (an integer or a decimal text) of `currency` as an amount in its major unit. */
export function amountFromMinorUnits(minorUnits: string | number, currency: Currency): Decimal {
  return new Decimal(minorUnits).dividedBy(new Decimal(10).pow(currency.minorDigits));
}

/** The amount as the plain decimal text prices are written in ("12.5", "0.005"), without trailing zeros. */
export function priceTextFromMinorUnits(minorUnits: string | number, currency: Currency): string {
  return amountFromMinorUnits(minorUnits, currency).toFixed();
}
