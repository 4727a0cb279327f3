import { describe, expect, it } from "vitest";
import { baseFee, euroPriceBook, graduatedCalls } from "../../test/support/pricing-fixtures.ts";
import type { PlanVersionContent } from "./plan-version-content.ts";
import { diffPlanVersions } from "./plan-version-diff.ts";

function version(overrides: Partial<PlanVersionContent> = {}): PlanVersionContent {
  return {
    currency: "USD",
    interval: "month",
    interval_count: 1,
    trial_days: 0,
    minimum_commitment: "100.00",
    charges: [baseFee(), graduatedCalls("0.002")],
    currency_prices: [euroPriceBook()],
    entitlements: [{ feature: "sso" }, { feature: "api_limit", limit: "100000" }],
    pricing_units: [],
    allowances: [],
    ...overrides,
  };
}

function descriptions(before: PlanVersionContent, after: PlanVersionContent): string[] {
  return diffPlanVersions(before, after).map((change) => change.description);
}

describe("diffPlanVersions", () => {
  it("finds nothing between equal versions, even when amounts are written differently", () => {
    const written = version({
      charges: [
        { id: "base", type: "fixed", amount: "49.0", timing: "in_advance", prorate: true },
        {
          id: "calls",
          type: "usage",
          meter: "api_calls",
          model: "graduated",
          tiers: [
            { up_to: "1000", unit_price: "0.00", flat_fee: "0" },
            { up_to: 10000, unit_price: "0.0020" },
            { up_to: null, unit_price: "0.001" },
          ],
        },
      ],
    });
    expect(diffPlanVersions(version(), written)).toEqual([]);
  });

  it("names a graduated tier's unit price change with its path, before and after", () => {
    const after = version();
    after.charges[1] = {
      ...after.charges[1]!,
      tiers: [
        { up_to: 1000, unit_price: "0" },
        { up_to: 10000, unit_price: "0.0015" },
        { up_to: null, unit_price: "0.001" },
      ],
    } as PlanVersionContent["charges"][number];
    expect(diffPlanVersions(version(), after)).toEqual([
      {
        path: "$.charges[1].tiers[1].unit_price",
        change: "changed",
        before: "0.002",
        after: "0.0015",
        description: "charge calls graduated tier 2 unit price 0.002 → 0.0015",
      },
    ]);
  });

  it("lists added and removed charges and a changed minimum commitment", () => {
    const after = version({
      minimum_commitment: "150.00",
      charges: [
        { id: "base", type: "fixed", amount: "49.00" },
        { id: "api_calls", type: "usage", meter: "api_calls", model: "per_unit", unit_price: "0.01" },
      ],
      currency_prices: [],
    });
    expect(descriptions(version(), after)).toEqual([
      "minimum commitment 100.00 → 150.00",
      "charge calls removed",
      "charge api_calls added",
      "EUR prices removed",
    ]);
  });

  it("describes scalar fields, tier bounds, added tiers and a change of pricing model", () => {
    const after = version({
      interval: "quarter",
      trial_days: 14,
      minimum_commitment: null,
      charges: [
        { id: "base", type: "fixed", amount: "59.00", timing: "in_arrears" },
        {
          id: "calls",
          type: "usage",
          meter: "api_calls",
          model: "graduated",
          tiers: [
            { up_to: 2000, unit_price: "0" },
            { up_to: 10000, unit_price: "0.002", flat_fee: "5.00" },
            { up_to: 50000, unit_price: "0.001" },
            { up_to: null, unit_price: "0.0005" },
          ],
        },
      ],
      currency_prices: [],
    });
    expect(descriptions(version(), after)).toEqual([
      "billing interval month → quarter",
      "trial days 0 → 14",
      "minimum commitment 100.00 removed",
      "charge base amount 49.00 → 59.00",
      "charge base timing in_advance → in_arrears",
      "charge calls graduated tier 1 upper bound 1000 → 2000",
      "charge calls graduated tier 2 flat fee 0 → 5.00",
      "charge calls graduated tier 3 upper bound unlimited → 50000",
      "charge calls graduated tier 4 added: unlimited at 0.0005 per unit",
      "EUR prices removed",
    ]);

    const remodeled = version({
      charges: [
        { id: "base", type: "fixed", amount: "49.00" },
        { id: "calls", type: "usage", meter: "api_calls", model: "per_unit", unit_price: "0.002" },
      ],
      currency_prices: [],
    });
    const remodeledDescriptions = descriptions(version(), remodeled);
    expect(remodeledDescriptions).toContain("charge calls pricing model graduated → per_unit");
    expect(remodeledDescriptions).toContain("charge calls unit price set to 0.002");
    expect(remodeledDescriptions).toContain(
      "charge calls per_unit tier 1 removed (was up to 1000 at 0 per unit)",
    );
  });

  it("compares other currencies' prices by charge and entitlements by feature", () => {
    const after = version({
      currency_prices: [
        {
          currency: "EUR",
          minimum_commitment: "95.00",
          charges: [
            { id: "base", amount: "45.00" },
            {
              id: "calls",
              tiers: [
                { up_to: 1000, unit_price: "0" },
                { up_to: 10000, unit_price: "0.0017" },
                { up_to: null, unit_price: "0.0009" },
              ],
            },
          ],
        },
      ],
      entitlements: [
        { feature: "api_limit", limit: "200000" },
        { feature: "theme", value: { color: "blue" } },
      ],
    });
    expect(descriptions(version(), after)).toEqual([
      "EUR minimum commitment 90.00 → 95.00",
      "EUR price of charge calls graduated tier 2 unit price 0.0018 → 0.0017",
      "entitlement sso removed",
      "entitlement api_limit limit 100000 → 200000",
      'entitlement theme added with value {"color":"blue"}',
    ]);
  });

  it("notices charges that only changed places, since invoices list lines in charge order", () => {
    const before = version({ currency_prices: [] });
    const after = version({ charges: [...before.charges].reverse(), currency_prices: [] });
    expect(descriptions(before, after)).toEqual(["charges reordered: base, calls → calls, base"]);
  });
});
