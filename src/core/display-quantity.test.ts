// Quantities on customer documents are rounded to the meter's display
// decimals; billing keeps the exact value.
import { describe, expect, it } from "vitest";
import { DEFAULT_QUANTITY_DISPLAY_DECIMALS, displayQuantity } from "./index.ts";

describe("a quantity for display", () => {
  it("rounds a long time-weighted quantity to two decimals by default", () => {
    expect(DEFAULT_QUANTITY_DISPLAY_DECIMALS).toBe(2);
    expect(displayQuantity("105.311268007214506172839506172839")).toBe("105.31");
    expect(displayQuantity("191.93688088041367980884")).toBe("191.94");
  });

  it("rounds half away from zero and drops trailing zeros", () => {
    expect(displayQuantity("2.005")).toBe("2.01");
    expect(displayQuantity("-2.005")).toBe("-2.01");
    expect(displayQuantity("2.50")).toBe("2.5");
    expect(displayQuantity("1000")).toBe("1000");
    expect(displayQuantity("-0.001")).toBe("0");
  });

  it("keeps the decimals a meter asks for", () => {
    expect(displayQuantity("0.123456", 4)).toBe("0.1235");
    expect(displayQuantity("12.6", 0)).toBe("13");
  });
});
