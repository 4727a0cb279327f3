import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findCurrency } from "../../core/index.ts";
import {
  formatDecimalString,
  isZeroDecimalString,
  type NumberStyle,
  negateDecimalString,
} from "./locale-number-format.ts";

const currency = (code: string): NumberStyle => ({ kind: "currency", currency: code });
const NBSP = "\u00a0";

describe("formatDecimalString", () => {
  it("writes 1234567.5 EUR in de-DE as 1.234.567,50 €", () => {
    expect(formatDecimalString("1234567.5", "de-DE", currency("EUR"), 2)).toBe(`1.234.567,50${NBSP}€`);
  });

  it("writes yen without decimals and Bahraini dinars with three", () => {
    expect(formatDecimalString("1234567", "ja-JP", currency("JPY"), 0)).toBe("￥1,234,567");
    expect(formatDecimalString("1234567", "de-DE", currency("JPY"), 0)).toBe(`1.234.567${NBSP}¥`);
    expect(formatDecimalString("1234.5", "en-US", currency("BHD"), 3)).toBe(`BHD${NBSP}1,234.500`);
    expect(formatDecimalString("0.125", "ar-BH", currency("BHD"), 3)).toMatch(/٠٫١٢٥/);
  });

  it("follows each locale's grouping: lakh in India, none below 10,000 in Spain", () => {
    expect(formatDecimalString("123456789.05", "en-IN", currency("INR"), 2)).toBe("₹12,34,56,789.05");
    expect(formatDecimalString("1000", "es-ES", currency("EUR"), 2)).toBe(`1000,00${NBSP}€`);
    expect(formatDecimalString("10000", "es-ES", currency("EUR"), 2)).toBe(`10.000,00${NBSP}€`);
  });

  it("places the minus sign where the locale does", () => {
    expect(formatDecimalString("-12.5", "en-US", currency("USD"), 2)).toBe("-$12.50");
    expect(formatDecimalString("-12.5", "nl-NL", currency("EUR"), 2)).toBe(`€${NBSP}-12,50`);
    expect(formatDecimalString("-0.00", "en-US", currency("USD"), 2)).toBe("$0.00");
  });

  it("keeps every digit of the string: long amounts and sub-cent unit prices", () => {
    expect(formatDecimalString("98765432109876543210.99", "en-US", currency("USD"), 2)).toBe(
      "$98,765,432,109,876,543,210.99",
    );
    expect(formatDecimalString("0.0025", "fr-FR", currency("EUR"), 2)).toBe(`0,0025${NBSP}€`);
    expect(formatDecimalString("00012.50", "en-US", { kind: "decimal" })).toBe("12.50");
  });

  it("writes percentages and plain quantities", () => {
    expect(formatDecimalString("19", "de-DE", { kind: "percent" })).toBe(`19${NBSP}%`);
    expect(formatDecimalString("7.5", "tr-TR", { kind: "percent" })).toBe("%7,5");
    expect(formatDecimalString("1500", "de-DE", { kind: "decimal" })).toBe("1.500");
  });

  it("uses the locale's own digits", () => {
    expect(formatDecimalString("1234.5", "ar-EG", { kind: "decimal" })).toBe("١٬٢٣٤٫٥");
  });

  it("refuses anything but a plain decimal string", () => {
    for (const text of ["1e3", "", "12,50", " 1", "NaN", "+1", ".5"]) {
      expect(() => formatDecimalString(text, "en-US", currency("USD"), 2)).toThrow(TypeError);
    }
  });

  // ECMA-402 reads a decimal string as an exact decimal; formatting from the
  // string ourselves must agree with it digit for digit, in every locale.
  it("agrees with Intl.NumberFormat's exact formatting of decimal strings", () => {
    const locales = [
      "en-US",
      "de-DE",
      "fr-FR",
      "es-ES",
      "en-IN",
      "ja-JP",
      "ar-EG",
      "he-IL",
      "de-CH",
      "pl-PL",
    ];
    const codes = ["EUR", "USD", "JPY", "BHD", "INR", "PLN", "CHF"];
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 3 }))
      .map(([negative, units, places]) => {
        const digits = units.toString().padStart(places + 1, "0");
        const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
        // Intl writes "-0.00"; an invoice never shows a negative zero (tested above).
        return negative && units > 0n ? `-${text}` : text;
      });
    fc.assert(
      fc.property(fc.constantFrom(...locales), fc.constantFrom(...codes), decimal, (locale, code, amount) => {
        const minorDigits = findCurrency(code)!.minorDigits;
        const places = amount.includes(".") ? amount.length - amount.indexOf(".") - 1 : 0;
        const digits = Math.max(minorDigits, places);
        const expected = new Intl.NumberFormat(locale, {
          style: "currency",
          currency: code,
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        }).format(amount as `${number}`);
        expect(formatDecimalString(amount, locale, currency(code), minorDigits)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe("negateDecimalString", () => {
  it("flips the sign and never writes a negative zero", () => {
    expect(negateDecimalString("12.50")).toBe("-12.50");
    expect(negateDecimalString("-12.50")).toBe("12.50");
    expect(negateDecimalString("0.00")).toBe("0.00");
    expect(negateDecimalString("-0")).toBe("0");
  });

  it("knows zero in any spelling", () => {
    expect(isZeroDecimalString("0")).toBe(true);
    expect(isZeroDecimalString("-0.000")).toBe(true);
    expect(isZeroDecimalString("0.001")).toBe(false);
  });
});
