import { describe, expect, it } from "vitest";
import { currencyMinorDigits, formatMoney, formatQuantity } from "./decimal-format.ts";

// Intl output uses narrow and regular no-break spaces; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("currencyMinorDigits", () => {
  it("follows ISO 4217", () => {
    expect(currencyMinorDigits("USD")).toBe(2);
    expect(currencyMinorDigits("JPY")).toBe(0);
    expect(currencyMinorDigits("BHD")).toBe(3);
  });
});

describe("formatMoney", () => {
  it("formats per currency and locale", () => {
    expect(formatMoney("1234.50", "USD", "en-US")).toBe("$1,234.50");
    expect(plain(formatMoney("1234.50", "EUR", "de-DE"))).toBe("1.234,50 €");
    expect(formatMoney("1500", "JPY", "en-US")).toBe("¥1,500");
    expect(plain(formatMoney("1.250", "BHD", "en-US"))).toBe("BHD 1.250");
  });

  it("pads to the currency's minor digits", () => {
    expect(formatMoney("7", "USD", "en-US")).toBe("$7.00");
    expect(formatMoney("-3.5", "USD", "en-US")).toBe("-$3.50");
  });

  it("keeps every digit of a long amount, where a float would lose some", () => {
    expect(formatMoney("12345678901234567.89", "USD", "en-US")).toBe("$12,345,678,901,234,567.89");
    expect(formatMoney("0.10000000000000000001", "USD", "en-US")).toBe("$0.10000000000000000001");
  });

  it("shows more digits than the currency's when the amount has them (unit prices)", () => {
    expect(formatMoney("0.0025", "USD", "en-US")).toBe("$0.0025");
  });

  it("shows what it cannot read as it came", () => {
    expect(formatMoney("abc", "USD", "en-US")).toBe("abc USD");
  });
});

describe("formatQuantity", () => {
  it("keeps every fraction digit and groups thousands", () => {
    expect(formatQuantity("1234567.125", "en-US")).toBe("1,234,567.125");
    expect(plain(formatQuantity("10.5", "de-DE"))).toBe("10,5");
    expect(formatQuantity("98765432109876543210", "en-US")).toBe("98,765,432,109,876,543,210");
  });

  it("rounds to a meter's display decimals, half away from zero, on the exact decimal", () => {
    expect(formatQuantity("191.93688088041367980884", "en-US", 2)).toBe("191.94");
    expect(formatQuantity("105.311268007214506172839506172839", "en-US", 2)).toBe("105.31");
    expect(formatQuantity("2.005", "en-US", 2)).toBe("2.01");
    expect(formatQuantity("2.5", "en-US", 0)).toBe("3");
    expect(formatQuantity("7", "en-US", 2)).toBe("7");
  });
});
