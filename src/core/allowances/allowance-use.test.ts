import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import { allowanceUsedPercent } from "./allowance-use.ts";

const percent = (granted: string, rolledOver: string, used: string) =>
  allowanceUsedPercent({
    granted: new Decimal(granted),
    rolledOver: new Decimal(rolledOver),
    used: new Decimal(used),
  })?.toFixed(2) ?? null;

describe("allowanceUsedPercent", () => {
  it("counts the units rolled over with those granted, to two decimals half up", () => {
    expect(percent("1000", "0", "800")).toBe("80.00");
    // 850 of 1,000 + 200: 70.8333… → 70.83; 1 of 3: 33.333… → 33.33; 2 of 3: 66.666… → 66.67.
    expect(percent("1000", "200", "850")).toBe("70.83");
    expect(percent("3", "0", "1")).toBe("33.33");
    expect(percent("3", "0", "2")).toBe("66.67");
    expect(percent("1000", "0", "1000")).toBe("100.00");
  });

  it("is null when the period has nothing to use", () => {
    expect(percent("0", "0", "0")).toBeNull();
  });
});
