import { describe, expect, it } from "vitest";
import { describeOverride, overrideTypesFor } from "./price-override-text.ts";

describe("overrideTypesFor", () => {
  it("offers a charge's own price and a discount", () => {
    expect(overrideTypesFor({ id: "base", type: "fixed", amount: "10" })).toEqual([
      "amount",
      "percentage_discount",
    ]);
    expect(overrideTypesFor({ id: "calls", type: "usage", model: "volume" })).toEqual([
      "tiers",
      "percentage_discount",
    ]);
    expect(overrideTypesFor({ id: "calls", type: "usage" })).toEqual(["unit_price", "percentage_discount"]);
    expect(overrideTypesFor(undefined)).toEqual([]);
  });
});

describe("describeOverride", () => {
  it("says each override in words, in the currency", () => {
    expect(describeOverride({ type: "unit_price", unit_price: "0.0015" }, "USD", "en-US")).toBe(
      "Unit price $0.0015",
    );
    expect(describeOverride({ type: "percentage_discount", percent: "12.5" }, "USD", "en-US")).toBe(
      "12.5% off",
    );
    expect(describeOverride({ type: "rate", rate: "2.5" }, null, "en-US")).toBe("Rate 2.5%");
    expect(describeOverride({ type: "amount", amount: "39" }, null, "en-US")).toBe("Amount 39");
    expect(
      describeOverride(
        {
          type: "tiers",
          tiers: [
            { up_to: "10", unit_price: "0" },
            { up_to: null, unit_price: "1" },
          ],
        },
        "EUR",
        "en-US",
      ),
    ).toBe("Tiers: up to 10 units: €0.00 per unit; over 10 units: €1.00 per unit");
  });
});
