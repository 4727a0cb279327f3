// Rounding and printing of amounts in a currency. Amounts stay exact Decimals
// everywhere else; they meet the currency's minor unit only here, at the points
// the billing rules name (each line, each discount, the credits, the tax).
import type { Currency } from "./currency.ts";
import { Decimal } from "./decimal.ts";

/** Rounds an amount to the currency's minor unit, ties away from zero (2.345 → 2.35, −2.345 → −2.35). */
export function roundToMinorUnit(amount: Decimal, currency: Currency): Decimal {
  const rounded = amount.toDecimalPlaces(currency.minorDigits, Decimal.ROUND_HALF_UP);
  // A negative amount that rounds to zero would print as "-0.00".
  return rounded.isZero() ? new Decimal(0) : rounded;
}

/** True when the amount has no more digits than the currency's minor unit holds. */
export function fitsMinorUnit(amount: Decimal, currency: Currency): boolean {
  return amount.decimalPlaces() <= currency.minorDigits;
}

/** Prints an amount with exactly the currency's minor digits: `"49.00"` USD, `"49"` JPY, `"49.000"` BHD. */
export function formatAmount(amount: Decimal, currency: Currency): string {
  return roundToMinorUnit(amount, currency).toFixed(currency.minorDigits);
}
