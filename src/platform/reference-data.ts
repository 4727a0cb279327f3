// Checks against standard code lists: ISO 4217 currencies (from the
// maintained currency-codes table), ISO 3166 countries and IANA time zones
// (from the ICU data inside Node.js), BCP 47 locales.
import currencyCodes from "currency-codes";

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && currencyCodes.code(code) !== undefined;
}

export function isCountryCode(code: string): boolean {
  // AA, QM–QZ, XA–XZ and ZZ are user-assigned codes, not countries.
  if (!/^[A-Z]{2}$/.test(code) || /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/.test(code)) return false;
  try {
    return regionNames.of(code) !== undefined;
  } catch {
    return false;
  }
}

export function isTimeZone(name: string): boolean {
  // Offsets such as "+02:00" are valid to Intl but are not IANA zones: they know no daylight saving.
  if (!/^[A-Za-z]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
