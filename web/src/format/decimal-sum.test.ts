import { describe, expect, it } from "vitest";
import { multiplyDecimalStrings, sumDecimalStrings } from "./decimal-sum.ts";

describe("sumDecimalStrings", () => {
  it("adds exactly, where floats would not", () => {
    expect(sumDecimalStrings(["0.10", "0.20"])).toBe("0.30");
    expect(sumDecimalStrings(["9007199254740993.01", "0.01"])).toBe("9007199254740993.02");
  });

  it("keeps the longest fraction and handles signs", () => {
    expect(sumDecimalStrings(["1.5", "-2.125"])).toBe("-0.625");
    expect(sumDecimalStrings(["-0.01", "0.01"])).toBe("0.00");
    expect(sumDecimalStrings(["12", "30"])).toBe("42");
    expect(sumDecimalStrings([])).toBe("0");
  });

  it("refuses what is not a decimal", () => {
    expect(() => sumDecimalStrings(["1e3"])).toThrow(/not a decimal/);
  });
});

describe("multiplyDecimalStrings", () => {
  it("multiplies exactly, keeping every fraction digit", () => {
    expect(multiplyDecimalStrings("2.5", "0.10")).toBe("0.250");
    expect(multiplyDecimalStrings("3", "0.1")).toBe("0.3");
    expect(multiplyDecimalStrings("9007199254740993", "3")).toBe("27021597764222979");
  });
  it("carries signs", () => {
    expect(multiplyDecimalStrings("1", "-5.00")).toBe("-5.00");
    expect(multiplyDecimalStrings("-2", "-1.5")).toBe("3.0");
    expect(multiplyDecimalStrings("0", "-1.5")).toBe("0.0");
  });
  it("refuses what is not a decimal", () => {
    expect(() => multiplyDecimalStrings("1e3", "1")).toThrow(/not a decimal/);
  });
});
