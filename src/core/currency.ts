// Currencies and their minor units, from the ISO 4217 table shipped by the
// `currency-codes` package, so that every currency is known without a list of
// our own to keep up to date.
import currencyCodes from "currency-codes";

export type Currency = {
  /** ISO 4217 alphabetic code, e.g. `"USD"`. */
  readonly code: string;
  /** Digits after the decimal point in the currency's minor unit: USD 2, JPY 0, BHD 3. */
  readonly minorDigits: number;
};

export class UnknownCurrencyError extends Error {
  readonly code: string;

  constructor(code: string) {
    super(`unknown currency "${code}" (expected an ISO 4217 code such as "USD")`);
    this.name = "UnknownCurrencyError";
    this.code = code;
  }
}

/** The currency for an ISO 4217 code (upper case), or undefined when there is none. */
export function findCurrency(code: string): Currency | undefined {
  const record = currencyCodes.code(code);
  if (record === undefined || record.code !== code) return undefined;
  return { code: record.code, minorDigits: record.digits };
}

/** The currency for an ISO 4217 code; throws UnknownCurrencyError for any other string. */
export function currencyFor(code: string): Currency {
  const currency = findCurrency(code);
  if (currency === undefined) throw new UnknownCurrencyError(code);
  return currency;
}
