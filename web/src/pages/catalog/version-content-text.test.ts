import { describe, expect, it } from "vitest";
import type { Charge } from "../../api/resources.ts";
import { chargePriceText, periodText, tierLines, tierRanges } from "./version-content-text.ts";

describe("periodText", () => {
  it("names one interval or several", () => {
    expect(periodText("month", 1)).toBe("every month");
    expect(periodText("month", 3)).toBe("every 3 months");
  });
});

describe("tier ranges and lines", () => {
  const tiers = [
    { up_to: 100, unit_price: "0.10" },
    { up_to: "1000", unit_price: "0.08", flat_fee: "5" },
    { up_to: null, unit_price: "0.0525" },
  ];
  it("read each tier as the units above the previous bound up to its own", () => {
    expect(tierRanges(tiers, "en-US")).toEqual(["up to 100", "over 100 up to 1,000", "over 1,000"]);
    expect(tierRanges([{ up_to: null, unit_price: "1" }], "en-US")).toEqual(["every unit"]);
  });
  it("price each tier in the currency, keeping every digit", () => {
    expect(tierLines(tiers, "USD", "en-US")).toEqual([
      "up to 100 units: $0.10 per unit",
      "over 100 up to 1,000 units: $0.08 per unit + $5.00 flat",
      "over 1,000 units: $0.0525 per unit",
    ]);
  });
});

describe("chargePriceText", () => {
  /** The text of a charge priced at its own prices. */
  const priceText = (charge: Charge, currency: string) => chargePriceText(charge, charge, currency, "en-US");

  it("describes each model in words", () => {
    expect(
      priceText({ id: "base", type: "fixed", amount: "49", timing: "in_arrears", prorate: false }, "EUR"),
    ).toBe("€49.00 per period, billed in arrears, not prorated");
    expect(
      priceText({ id: "c", type: "usage", model: "per_unit", unit_price: "0.002", free_units: 1000 }, "USD"),
    ).toBe("$0.002 per unit, first 1,000 units free");
    expect(
      priceText(
        { id: "p", type: "usage", model: "package", package_price: "5", package_size: "1000" },
        "JPY",
      ),
    ).toBe("¥5 per package of 1,000 units");
    const percentage: Charge = {
      id: "pay",
      type: "usage",
      model: "percentage",
      rate: "2.9",
      fixed_fee: "0.30",
      per_transaction_max: "10",
    };
    expect(priceText(percentage, "USD")).toBe(
      "2.9% of each event's amount, + $0.30 per event, at most $10.00",
    );
  });
});
