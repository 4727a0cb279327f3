// The pickers' choices: codes the API accepts, each with the name a person searches by.
import { describe, expect, it } from "vitest";
import {
  countryOptions,
  currencyOptions,
  optionName,
  timeZoneOptions,
  zoneOffset,
} from "./reference-options.ts";

describe("reference options", () => {
  it("lists every ISO 4217 currency with its name", () => {
    const currencies = currencyOptions();
    expect(currencies.length).toBeGreaterThan(150);
    expect(optionName(currencies, "eur")).toBe("Euro");
    expect(optionName(currencies, "JPY")).toBe("Yen");
    expect(optionName(currencies, "ABC")).toBeUndefined();
  });

  it("lists countries by name, without user-assigned codes or unnamed ones", () => {
    const countries = countryOptions("en");
    expect(optionName(countries, "DE")).toBe("Germany");
    expect(optionName(countries, "US")).toBe("United States");
    for (const code of ["AA", "QM", "XK", "ZZ", "AB"]) expect(optionName(countries, code)).toBeUndefined();
    expect(countries.every((country) => /^[A-Z]{2}$/.test(country.code))).toBe(true);
    expect(countries.length).toBeGreaterThan(200);
    const names = countries.map((country) => country.name);
    expect(names).toEqual([...names].sort((first, second) => first.localeCompare(second)));
  });

  it("lists time zones with their offset at a given instant, UTC among them", () => {
    const winter = new Date("2026-01-15T12:00:00Z");
    const zones = timeZoneOptions(winter);
    expect(optionName(zones, "Europe/Berlin")).toBe("UTC+01:00");
    expect(optionName(zones, "UTC")).toBe("UTC+00:00");
    expect(zoneOffset("America/New_York", new Date("2026-07-15T12:00:00Z"))).toBe("UTC-04:00");
    expect(zoneOffset("Asia/Kolkata", winter)).toBe("UTC+05:30");
  });
});
