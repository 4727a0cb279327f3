// Amounts and quantities arrive from the API as decimal strings ("1234.50",
// "0.0025"). They are formatted from the string itself: Intl.NumberFormat
// reads a decimal string as an exact decimal (ECMA-402's "Intl mathematical
// value"), so no digit is ever lost through a binary float, however long the
// number. Nothing here rounds unless told: a quantity may be shown to a
// meter's display decimals, rounded half away from zero on the exact decimal.

const decimalPattern = /^[-+]?\d+(\.\d+)?$/;

// ECMA-402 allows at most 100 fraction digits; engines before 2023 allowed 20.
const maximumFractionDigitsAllowed = 20;

type StringNumber = `${number}`;

function fractionLength(decimal: string): number {
  const point = decimal.indexOf(".");
  return point === -1 ? 0 : decimal.length - point - 1;
}

const minorDigitsCache = new Map<string, number>();

/** The currency's minor digits by ISO 4217 (2 for USD, 0 for JPY, 3 for BHD). */
export function currencyMinorDigits(currency: string): number {
  const cached = minorDigitsCache.get(currency);
  if (cached !== undefined) return cached;
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2;
  } catch {
    // An unknown code (the API rejects those) falls back to two digits.
  }
  minorDigitsCache.set(currency, digits);
  return digits;
}

/**
 * "1234.5" in EUR for de-DE reads "1.234,50 €": at least the currency's minor
 * digits, and more when the amount has more (a unit price of 0.0025).
 */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  if (!decimalPattern.test(amount)) return `${amount} ${currency}`;
  const minorDigits = currencyMinorDigits(currency);
  const digits = Math.min(Math.max(minorDigits, fractionLength(amount)), maximumFractionDigitsAllowed);
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: Math.min(minorDigits, digits),
      maximumFractionDigits: digits,
    }).format(amount as StringNumber);
  } catch {
    return `${amount} ${currency}`;
  }
}

/**
 * A quantity such as "10.5" with the locale's separators, every digit kept,
 * or at most `decimals` of them (a meter's display decimals), rounded.
 */
export function formatQuantity(quantity: string, locale?: string, decimals?: number): string {
  if (!decimalPattern.test(quantity)) return quantity;
  const digits = Math.min(
    fractionLength(quantity),
    decimals ?? maximumFractionDigitsAllowed,
    maximumFractionDigitsAllowed,
  );
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(quantity as StringNumber);
}
