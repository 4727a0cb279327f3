import decimalModule from "decimal.js";
import { describe, expect, it } from "vitest";
import { currencyFor, findCurrency, UnknownCurrencyError } from "./currency.ts";
import { canonicalDecimalText, Decimal, formatQuantity } from "./decimal.ts";
import { fitsMinorUnit, formatAmount, roundToMinorUnit } from "./money.ts";

const USD = currencyFor("USD");
const JPY = currencyFor("JPY");
const BHD = currencyFor("BHD");

describe("currencies", () => {
  it("takes minor units from the ISO 4217 table", () => {
    expect(USD.minorDigits).toBe(2);
    expect(JPY.minorDigits).toBe(0);
    expect(BHD.minorDigits).toBe(3);
    expect(currencyFor("CLF").minorDigits).toBe(4);
    expect(currencyFor("EUR").minorDigits).toBe(2);
  });

  it("refuses a code that is not in the table, including a lower-case one", () => {
    expect(() => currencyFor("ABC")).toThrow(UnknownCurrencyError);
    expect(() => currencyFor("ABC")).toThrow('unknown currency "ABC"');
    expect(findCurrency("usd")).toBeUndefined();
    expect(findCurrency("")).toBeUndefined();
  });
});

describe("rounding to the minor unit", () => {
  it("rounds ties away from zero, for negative amounts too", () => {
    expect(roundToMinorUnit(new Decimal("2.345"), USD).toFixed()).toBe("2.35");
    expect(roundToMinorUnit(new Decimal("-2.345"), USD).toFixed()).toBe("-2.35");
    expect(roundToMinorUnit(new Decimal("2.344999"), USD).toFixed()).toBe("2.34");
    expect(roundToMinorUnit(new Decimal("0.5"), JPY).toFixed()).toBe("1");
    expect(roundToMinorUnit(new Decimal("-0.5"), JPY).toFixed()).toBe("-1");
    expect(roundToMinorUnit(new Decimal("0.1625"), BHD).toFixed()).toBe("0.163");
  });

  it("never leaves a negative zero", () => {
    const rounded = roundToMinorUnit(new Decimal("-0.001"), USD);
    expect(rounded.isZero()).toBe(true);
    expect(rounded.isNegative()).toBe(false);
  });

  it("tells whether an amount fits the minor unit", () => {
    expect(fitsMinorUnit(new Decimal("10.00"), USD)).toBe(true);
    expect(fitsMinorUnit(new Decimal("10.005"), USD)).toBe(false);
    expect(fitsMinorUnit(new Decimal("10"), JPY)).toBe(true);
    expect(fitsMinorUnit(new Decimal("10.5"), JPY)).toBe(false);
  });
});

describe("formatting", () => {
  it("prints exactly the currency's minor digits", () => {
    expect(formatAmount(new Decimal(49), USD)).toBe("49.00");
    expect(formatAmount(new Decimal(49), JPY)).toBe("49");
    expect(formatAmount(new Decimal(49), BHD)).toBe("49.000");
    expect(formatAmount(new Decimal("-5"), USD)).toBe("-5.00");
    expect(formatAmount(new Decimal("-0.004"), USD)).toBe("0.00");
    expect(formatAmount(new Decimal("1e21"), USD)).toBe("1000000000000000000000.00");
  });

  it("prints quantities without exponent or trailing zeros, at most 12 decimal places", () => {
    expect(formatQuantity(new Decimal(470).dividedBy(31))).toBe("15.161290322581");
    expect(formatQuantity(new Decimal("120000.000"))).toBe("120000");
    expect(formatQuantity(new Decimal("1e-13"))).toBe("0");
    expect(formatQuantity(new Decimal("-0"))).toBe("0");
    expect(formatQuantity(new Decimal("1e25"))).toBe("10000000000000000000000000");
    expect(formatQuantity(new Decimal("0.0000000000005"))).toBe("0.000000000001");
    // A quantity known to be exact prints in full, however many decimal places it has (rule 20).
    expect(formatQuantity(new Decimal("0.0000000000001"), { exact: true })).toBe("0.0000000000001");
    expect(formatQuantity(new Decimal("120000.000"), { exact: true })).toBe("120000");
  });

  it("gives one canonical text to equal decimals", () => {
    expect(canonicalDecimalText(new Decimal("1.0"))).toBe("1");
    expect(canonicalDecimalText(new Decimal("1e0"))).toBe("1");
    expect(canonicalDecimalText(new Decimal("-0"))).toBe("0");
  });
});

describe("the decimal configuration", () => {
  it("keeps 50 significant digits without touching the global decimal.js constructor", () => {
    expect(new Decimal(1).dividedBy(3).toFixed()).toBe(`0.${"3".repeat(50)}`);
    // decimal.js's types describe its CommonJS build; at run time the default import is the class.
    const globalDecimal = decimalModule as unknown as { precision: number; rounding: number };
    expect(globalDecimal.precision).toBe(20);
    expect(globalDecimal.rounding).toBe(4);
  });
});
