import { describe, expect, it } from "vitest";
import { UnknownCurrencyError } from "../currency.ts";
import { migrationRevenueImpact } from "./migration-impact.ts";

describe("migrationRevenueImpact", () => {
  it("sums before, after and difference per currency, never across currencies", () => {
    expect(
      migrationRevenueImpact([
        { currency: "USD", before: "20.00", after: "25.00", difference: "5.00" },
        { currency: "EUR", before: "18.00", after: "17.50", difference: "-0.50" },
        { currency: "USD", before: "0.10", after: "0.20", difference: "0.10" },
        { currency: "USD", before: "19.99", after: "25.00", difference: "5.01" },
      ]),
    ).toEqual([
      { currency: "EUR", subscriptions: 1, before: "18.00", after: "17.50", difference: "-0.50" },
      { currency: "USD", subscriptions: 3, before: "40.09", after: "50.20", difference: "10.11" },
    ]);
  });

  it("counts a missing invoice as zero and prints each currency's minor digits", () => {
    expect(
      migrationRevenueImpact([
        { currency: "JPY", before: null, after: "1200", difference: "1200" },
        { currency: "JPY", before: "500", after: null, difference: "-500" },
        { currency: "BHD", before: "1.5", after: "1.25", difference: "-0.25" },
      ]),
    ).toEqual([
      { currency: "BHD", subscriptions: 1, before: "1.500", after: "1.250", difference: "-0.250" },
      { currency: "JPY", subscriptions: 2, before: "500", after: "1200", difference: "700" },
    ]);
  });

  it("adds exactly, without binary floating point", () => {
    const tenths = Array.from({ length: 3 }, () => ({
      currency: "USD",
      before: "0.1",
      after: "0.2",
      difference: "0.1",
    }));
    expect(migrationRevenueImpact(tenths)).toEqual([
      { currency: "USD", subscriptions: 3, before: "0.30", after: "0.60", difference: "0.30" },
    ]);
  });

  it("is empty for no subscriptions and refuses an unknown currency", () => {
    expect(migrationRevenueImpact([])).toEqual([]);
    expect(() =>
      migrationRevenueImpact([{ currency: "XYZ1", before: "1", after: "1", difference: "0" }]),
    ).toThrow(UnknownCurrencyError);
  });
});
