// The one decimal type of the billing engine. Every amount, price, rate and
// quantity is a Decimal from this configured clone; the global decimal.js
// constructor is never touched, so other code in the process keeps its defaults.
import decimalModule, { type Decimal as DecimalInstance } from "decimal.js";

// decimal.js's type declarations describe its CommonJS build, in which the
// default import is the module object; Node loads its ES build, whose default
// export is the Decimal class itself.
const DecimalLibrary = decimalModule as unknown as typeof DecimalInstance;

/**
 * 50 significant digits: sums of many prices, proration factors and
 * time-weighted quantities (a division) keep far more than the 20 digits the
 * scenario format asks for, and every rounding to a currency happens explicitly.
 * ROUND_HALF_UP in decimal.js rounds ties away from zero, negatives included.
 */
export const Decimal = DecimalLibrary.clone({
  precision: 50,
  rounding: DecimalLibrary.ROUND_HALF_UP,
  toExpNeg: -1_000,
  toExpPos: 1_000,
});
export type Decimal = DecimalInstance;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const ONE_HUNDRED = new Decimal(100);

/**
 * A decimal written the way amounts are written in Fairbill's inputs: an
 * optional minus sign, digits, and an optional fraction (`"49.00"`, `"-0.5"`).
 * No exponent, no leading `+`, no bare `.5`.
 */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A numeric event property written as a string: JSON's number grammar, with
 * leading zeros tolerated (`"007"`), as producers of usage events send them.
 */
const NUMERIC_TEXT = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export function isPlainDecimal(text: string): boolean {
  return PLAIN_DECIMAL.test(text);
}

export function isNumericText(text: string): boolean {
  return NUMERIC_TEXT.test(text);
}

/** The larger of two decimals. */
export function maxDecimal(left: Decimal, right: Decimal): Decimal {
  return left.greaterThanOrEqualTo(right) ? left : right;
}

/** The smaller of two decimals. */
export function minDecimal(left: Decimal, right: Decimal): Decimal {
  return left.lessThanOrEqualTo(right) ? left : right;
}

export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

/** Decimal places kept when printing a quantity that is not a finite decimal. */
const INEXACT_QUANTITY_DECIMAL_PLACES = 12;

/**
 * Prints a quantity as a plain decimal: no exponent, no trailing zeros, never
 * `-0`, with at most 12 decimal places (rounded half away from zero), as a
 * quantity that is not a finite decimal (a time-weighted average carried to the
 * engine's precision) must print. Pass `exact` for a quantity known to be a
 * finite decimal: it prints in full, however many places it has (billing rule 20).
 */
export function formatQuantity(quantity: Decimal, options: { exact?: boolean } = {}): string {
  const printed =
    options.exact === true
      ? quantity
      : quantity.toDecimalPlaces(INEXACT_QUANTITY_DECIMAL_PLACES, Decimal.ROUND_HALF_UP);
  if (printed.isZero()) return "0";
  // toFixed() without an argument prints the value's own digits without exponent;
  // a Decimal never carries trailing fraction zeros, so nothing needs trimming.
  return printed.toFixed();
}

/** Canonical text of a decimal, used to compare values: `1`, `1.0` and `1e0` give `"1"`. */
export function canonicalDecimalText(value: Decimal): string {
  return value.isZero() ? "0" : value.toFixed();
}

/** Decimals a quantity shows on customer documents when its meter sets none. */
export const DEFAULT_QUANTITY_DISPLAY_DECIMALS = 2;

/**
 * A quantity as a customer reads it: rounded half away from zero to
 * `decimals` places, without trailing zeros ("105.311268…" → "105.31",
 * "2.50" → "2.5", "3" → "3"). Display only: billing uses the exact quantity.
 */
export function displayQuantity(
  quantity: string,
  decimals: number = DEFAULT_QUANTITY_DISPLAY_DECIMALS,
): string {
  const rounded = new Decimal(quantity).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  return rounded.isZero() ? "0" : rounded.toFixed();
}
