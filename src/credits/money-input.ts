// Reading amounts a client sends for credits: exact decimals that must fit the
// currency's minor unit (billing rule 18), checked once at the edge so that
// the ledger only ever holds amounts an invoice can show.
import { currencyFor, Decimal, fitsMinorUnit, formatAmount } from "../core/index.ts";
import type { FieldError } from "../platform/errors.ts";
import { isCurrencyCode } from "../platform/reference-data.ts";

/**
 * The amount as a Decimal, or a field error: more than zero unless `allowZero`,
 * and no more digits than `currency` has (when the currency is a real one;
 * a bad currency is reported on its own field).
 */
export function readMoney(
  text: string,
  currency: string,
  path: string,
  errors: FieldError[],
  options: { allowZero?: boolean } = {},
): Decimal {
  const amount = new Decimal(text);
  if (!options.allowZero && amount.isZero()) errors.push({ path, message: "must be more than 0" });
  else if (isCurrencyCode(currency) && !fitsMinorUnit(amount, currencyFor(currency))) {
    errors.push({
      path,
      message: `has more decimal places than ${currency} has (${currencyFor(currency).minorDigits})`,
    });
  }
  return amount;
}

export function currencyErrors(currency: string, path: string): FieldError[] {
  return isCurrencyCode(currency)
    ? []
    : [{ path, message: `"${currency}" is not an ISO 4217 currency code` }];
}

/** An amount of money as the API shows it: exactly the currency's minor digits. */
export function showMoney(amount: Decimal | string, currency: string): string {
  return formatAmount(typeof amount === "string" ? new Decimal(amount) : amount, currencyFor(currency));
}
