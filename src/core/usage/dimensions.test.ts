import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChargeDimensions, PricingModel } from "../catalog.ts";
import { Decimal } from "../decimal.ts";
import {
  combinationKey,
  combinationOf,
  combinationPricing,
  compareCombinationValues,
  dimensionValue,
} from "./dimensions.ts";

const perUnit = (price: string): PricingModel => ({
  model: "per_unit",
  unitPrice: new Decimal(price),
  freeUnits: new Decimal(0),
});

describe("dimension values (V3)", () => {
  it("reads numbers and numeric strings by their canonical decimal form, other strings as they are", () => {
    expect([1, 1.0, "1", "1.00", "1e0"].map(dimensionValue)).toEqual(["1", "1", "1", "1", "1"]);
    expect([0, -0, "0.0", "-0"].map(dimensionValue)).toEqual(["0", "0", "0", "0"]);
    expect(["gpt-4", " 1", "1 ", ""].map(dimensionValue)).toEqual(["gpt-4", " 1", "1 ", ""]);
  });

  it("gives no value to anything but a string or a finite number", () => {
    expect([undefined, null, true, {}, [], Number.NaN].map(dimensionValue)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it("reads missing properties and inherited names as no value", () => {
    expect(combinationOf({ region: "eu" }, ["model", "region"]).values).toEqual([null, "eu"]);
    expect(combinationOf({}, ["toString"]).values).toEqual([null]);
  });
});

describe("combination keys", () => {
  const value = fc.option(fc.string(), { nil: null });
  it("are equal exactly when the combinations are (property)", () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 2 }),
        fc.array(value, { minLength: 1, maxLength: 2 }),
        (left, right) => {
          fc.pre(left.length === right.length);
          const same = left.every((entry, index) => entry === right[index]);
          expect(combinationKey(left) === combinationKey(right)).toBe(same);
        },
      ),
    );
  });
});

describe("combination pricing", () => {
  const dimensions = (fallback: ChargeDimensions["fallback"]): ChargeDimensions => ({
    properties: ["model"],
    prices: new Map([
      [combinationKey(["gpt-4"]), { values: ["gpt-4"], pricing: perUnit("0.03"), position: 0 }],
    ]),
    fallback,
  });

  it("takes the listed entry, else the default, else refuses", () => {
    expect(combinationPricing(dimensions(perUnit("0.05")), combinationKey(["gpt-4"]))).toMatchObject({
      byDefault: false,
      position: 0,
    });
    expect(combinationPricing(dimensions(perUnit("0.05")), combinationKey(["claude"]))).toMatchObject({
      byDefault: true,
    });
    expect(combinationPricing(dimensions("reject"), combinationKey([null]))).toBe("reject");
  });
});

describe("order of default-priced combinations (V6)", () => {
  it("puts no value first, then compares code points, the first dimension first", () => {
    const combinations: (string | null)[][] = [
      ["b", "a"],
      ["a", "z"],
      [null, "z"],
      ["a", null],
      ["B", "a"],
      ["\u{1F600}", "a"],
      ["\uFFFF", "a"],
    ];
    expect([...combinations].sort(compareCombinationValues)).toEqual([
      [null, "z"],
      ["B", "a"],
      ["a", null],
      ["a", "z"],
      ["b", "a"],
      ["\uFFFF", "a"],
      ["\u{1F600}", "a"],
    ]);
  });

  it("is a total order: antisymmetric and consistent with equality (property)", () => {
    // Characters from both sides of the surrogate range, where code units and code points disagree.
    const character = fc.constantFrom("a", "b", "B", "\uFFFF", "\u{1F600}", "\u{10FFFF}");
    const combination = fc.array(fc.option(fc.string({ unit: character, maxLength: 4 }), { nil: null }), {
      minLength: 2,
      maxLength: 2,
    });
    fc.assert(
      fc.property(combination, combination, (left, right) => {
        const forward = Math.sign(compareCombinationValues(left, right));
        expect(Math.sign(compareCombinationValues(right, left))).toBe(-forward || 0);
        expect(forward === 0).toBe(combinationKey(left) === combinationKey(right));
      }),
    );
  });
});
