import { describe, expect, it } from "vitest";
import { Decimal } from "./decimal.ts";
import { fromMinorUnits, toMinorUnits } from "./minor-units.ts";

describe("minor units", () => {
  it("divides by the currency's minor digits, exactly, from integers and decimal texts", () => {
    expect(fromMinorUnits("1250", "USD").toFixed()).toBe("12.5");
    expect(fromMinorUnits(1999, "EUR").toFixed()).toBe("19.99");
    expect(fromMinorUnits("0.5", "USD").toFixed()).toBe("0.005");
    expect(fromMinorUnits("500", "JPY").toFixed()).toBe("500");
    expect(fromMinorUnits("1234", "BHD").toFixed()).toBe("1.234");
    expect(fromMinorUnits("-300", "USD").toFixed(2)).toBe("-3.00");
  });

  it("multiplies back, and refuses an amount that is not a whole number of minor units", () => {
    expect(toMinorUnits(new Decimal("108.88"), "USD")).toBe(10_888);
    expect(toMinorUnits(new Decimal("500"), "JPY")).toBe(500);
    expect(() => toMinorUnits(new Decimal("0.005"), "USD")).toThrow(/not a whole number/);
  });
});
