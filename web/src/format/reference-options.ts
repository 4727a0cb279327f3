// The choices of the console's pickers: every ISO 4217 currency (from the
// currency-codes table the API checks against), every ISO 3166 country the
// browser can name, every IANA time zone it knows. Each choice pairs the code
// the API takes with the name a person searches by ("DE", "Germany").
import currencyCodes from "currency-codes";

export type ReferenceOption = { code: string; name: string };

/** Every ISO 4217 currency, by code. */
export function currencyOptions(): ReferenceOption[] {
  return currencyCodes.data
    .map((entry) => ({ code: entry.code, name: entry.currency }))
    .sort((first, second) => first.code.localeCompare(second.code));
}

// AA, QM–QZ, XA–XZ and ZZ are user-assigned codes, not countries (as the API's check says).
const userAssigned = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

/** Every country the browser can name, by its name in `locale`. */
export function countryOptions(locale?: string): ReferenceOption[] {
  let names: Intl.DisplayNames;
  try {
    names = new Intl.DisplayNames(locale === undefined ? undefined : [locale], {
      type: "region",
      fallback: "none",
    });
  } catch {
    return [];
  }
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const options: ReferenceOption[] = [];
  for (const first of letters) {
    for (const second of letters) {
      const code = `${first}${second}`;
      if (userAssigned.test(code)) continue;
      const name = names.of(code);
      // Intl names some codes that are not countries by repeating them ("EU" has a name; "AB" has none).
      if (name !== undefined && name !== code) options.push({ code, name });
    }
  }
  return options.sort((first, second) => first.name.localeCompare(second.name));
}

/** Every IANA time zone the browser knows, with its current offset from UTC as the name. */
export function timeZoneOptions(at: Date = new Date()): ReferenceOption[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
  if (!zones.includes("UTC")) zones = ["UTC", ...zones];
  return zones.map((zone) => ({ code: zone, name: zoneOffset(zone, at) }));
}

/** "UTC+01:00" for Europe/Berlin in winter. */
export function zoneOffset(zone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((item) => item.type === "timeZoneName");
    // "GMT+01:00", or "GMT" itself at offset zero.
    const offset = part?.value.replace(/^GMT/, "") ?? "";
    return `UTC${offset === "" ? "+00:00" : offset}`;
  } catch {
    return "";
  }
}

/** The name of a code among the options ("Germany" for "de"), or undefined when it is none of them. */
export function optionName(options: readonly ReferenceOption[], code: string): string | undefined {
  const wanted = code.trim().toUpperCase();
  return options.find((option) => option.code.toUpperCase() === wanted)?.name;
}
