import { describe, expect, it } from "vitest";
import type { Charge } from "../core/index.ts";
import { Decimal, parseInstant, priceQuantity, ZERO } from "../core/index.ts";
import {
  applyOverrides,
  type EffectiveOverride,
  overridesInEffect,
  overridesOfPlan,
  toRateChange,
} from "./apply-overrides.ts";

const at = (text: string) => parseInstant(text) as number;

const charges: Charge[] = [
  { type: "fixed", id: "base", amount: new Decimal("49.00"), timing: "in_advance", prorate: true },
  {
    type: "usage",
    id: "calls",
    meterCode: "api_calls",
    pricing: {
      model: "graduated",
      tiers: [
        { upTo: new Decimal(1000), unitPrice: ZERO, flatFee: ZERO },
        { upTo: null, unitPrice: new Decimal("0.002"), flatFee: new Decimal("5") },
      ],
    },
  },
  {
    type: "usage",
    id: "storage",
    meterCode: "gb",
    pricing: { model: "per_unit", unitPrice: new Decimal("0.10"), freeUnits: ZERO },
  },
];

function override(
  chargeId: string,
  version: number,
  from: string,
  document: Parameters<typeof toRateChange>[0],
  until: string | null = null,
  planId = "pln_pro",
): EffectiveOverride {
  const change = toRateChange(document);
  return {
    planId,
    chargeId,
    slot: change.type === "percentage_discount" ? "discount" : "price",
    version,
    effectiveFrom: at(from),
    effectiveUntil: until === null ? null : at(until),
    change,
  };
}

describe("overridesOfPlan", () => {
  it("keeps the overrides of the plan's charges, not another plan's charge of the same id", () => {
    const basic = override(
      "base",
      1,
      "2026-01-01T00:00:00Z",
      { type: "amount", amount: "8.00" },
      null,
      "pln_basic",
    );
    const pro = override("base", 1, "2026-01-01T00:00:00Z", { type: "amount", amount: "90.00" });
    expect(overridesOfPlan([basic, pro], "pln_pro")).toEqual([pro]);
    expect(overridesOfPlan([basic, pro], "pln_basic")).toEqual([basic]);
    expect(overridesOfPlan([basic], "pln_team")).toEqual([]);
  });
});

describe("overridesInEffect", () => {
  const overrides = [
    override("storage", 1, "2026-01-01T00:00:00Z", { type: "unit_price", unit_price: "0.08" }),
    override("storage", 2, "2026-03-01T00:00:00Z", { type: "unit_price", unit_price: "0.07" }),
    override(
      "storage",
      3,
      "2026-03-01T00:00:00Z",
      { type: "unit_price", unit_price: "0.06" },
      "2026-06-01T00:00:00Z",
    ),
    override("storage", 1, "2026-02-01T00:00:00Z", { type: "percentage_discount", percent: "10" }),
  ];

  it("takes, per charge and slot, the latest start at or before the instant, the later version on a tie", () => {
    const price = (instant: string) => {
      const change = overridesInEffect(overrides, at(instant)).get("storage")?.price?.change;
      return change?.type === "unit_price" ? change.unitPrice.toString() : undefined;
    };
    expect(price("2025-12-31T23:59:59Z")).toBeUndefined();
    expect(price("2026-01-15T00:00:00Z")).toBe("0.08");
    expect(price("2026-03-01T00:00:00Z")).toBe("0.06");
    // Version 3 ended on June 1 and nothing replaced it: the plan's price applies again.
    expect(price("2026-06-01T00:00:00Z")).toBeUndefined();
    expect(overridesInEffect(overrides, at("2026-02-15T00:00:00Z")).get("storage")?.discount?.version).toBe(
      1,
    );
  });
});

describe("applyOverrides", () => {
  it("replaces a price and applies a discount on top, leaving other charges as they are", () => {
    const result = applyOverrides(
      charges,
      [
        override("storage", 1, "2026-01-01T00:00:00Z", { type: "unit_price", unit_price: "0.08" }),
        override("storage", 1, "2026-01-01T00:00:00Z", { type: "percentage_discount", percent: "25" }),
        override("base", 1, "2026-01-01T00:00:00Z", { type: "amount", amount: "39.00" }),
      ],
      at("2026-01-10T00:00:00Z"),
    );
    expect(result[0]).toMatchObject({ id: "base" });
    expect(result[0]?.type === "fixed" && result[0].amount.toString()).toBe("39");
    expect(result[1]).toBe(charges[1]);
    const storage = result[2];
    expect(
      storage?.type === "usage" &&
        storage.pricing.model === "per_unit" &&
        storage.pricing.unitPrice.toString(),
    ).toBe("0.06");
  });

  it("scales a graduated charge's amount exactly by the discount, flat fees included", () => {
    const [, calls] = applyOverrides(
      charges,
      [override("calls", 1, "2026-01-01T00:00:00Z", { type: "percentage_discount", percent: "12.5" })],
      at("2026-02-01T00:00:00Z"),
    );
    if (calls?.type !== "usage" || calls.pricing.model !== "graduated")
      throw new Error("calls changed shape");
    const original = charges[1];
    if (original?.type !== "usage" || original.pricing.model !== "graduated")
      throw new Error("fixture changed");
    const quantity = new Decimal(25_000);
    const before = priceQuantity(original.pricing, quantity).amount;
    const after = priceQuantity(calls.pricing, quantity).amount;
    expect(before.toString()).toBe("53");
    expect(after.toString()).toBe(before.times("0.875").toString());
  });

  it("replaces tiers, and refuses an override that no longer fits its charge's model", () => {
    const [, calls] = applyOverrides(
      charges,
      [
        override("calls", 1, "2026-01-01T00:00:00Z", {
          type: "tiers",
          tiers: [
            { up_to: 5000, unit_price: "0" },
            { up_to: null, unit_price: "0.001" },
          ],
        }),
      ],
      at("2026-01-02T00:00:00Z"),
    );
    expect(
      calls?.type === "usage" &&
        calls.pricing.model === "graduated" &&
        calls.pricing.tiers[0]?.upTo?.toString(),
    ).toBe("5000");
    expect(() =>
      applyOverrides(
        charges,
        [override("calls", 1, "2026-01-01T00:00:00Z", { type: "unit_price", unit_price: "0.001" })],
        at("2026-01-02T00:00:00Z"),
      ),
    ).toThrow('a unit_price override does not fit charge "calls", which is graduated');
  });
});
