import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Tier } from "../catalog.ts";
import { Decimal, ZERO } from "../decimal.ts";
import { transactionFee } from "./percentage.ts";
import { priceQuantity } from "./quantity-pricing.ts";

const decimal = (value: string | number) => new Decimal(value);

function tiers(...list: [number | null, string, string?][]): Tier[] {
  return list.map(([upTo, unitPrice, flatFee]) => ({
    upTo: upTo === null ? null : decimal(upTo),
    unitPrice: decimal(unitPrice),
    flatFee: decimal(flatFee ?? "0"),
  }));
}

const graduated = (list: Tier[], quantity: string | number) =>
  priceQuantity({ model: "graduated", tiers: list }, decimal(quantity)).amount;
const volume = (list: Tier[], quantity: string | number) =>
  priceQuantity({ model: "volume", tiers: list }, decimal(quantity)).amount;

describe("per_unit and package", () => {
  it("charge only the units above free_units", () => {
    const pricing = { model: "per_unit" as const, unitPrice: decimal("0.01"), freeUnits: decimal(100) };
    expect(priceQuantity(pricing, decimal(250)).amount.toFixed()).toBe("1.5");
    expect(priceQuantity(pricing, decimal(40)).amount.toFixed()).toBe("0");
    expect(priceQuantity(pricing, decimal(-5)).amount.toFixed()).toBe("0");
  });

  it("round packages up", () => {
    const pricing = {
      model: "package" as const,
      packageSize: decimal(1000),
      packagePrice: decimal("5.00"),
      freeUnits: decimal(500),
    };
    expect(priceQuantity(pricing, decimal(500)).amount.toFixed()).toBe("0");
    expect(priceQuantity(pricing, decimal(501)).amount.toFixed()).toBe("5");
    expect(priceQuantity(pricing, decimal(1500)).amount.toFixed()).toBe("5");
    expect(priceQuantity(pricing, decimal(1501)).amount.toFixed()).toBe("10");
  });
});

describe("graduated", () => {
  const list = tiers([5, "1.00"], [10, "0.50", "2.00"], [null, "0.10", "3.00"]);

  it("prices each unit in its tier, up_to inclusive", () => {
    expect(graduated(list, 5).toFixed()).toBe("5");
    expect(graduated(list, 6).toFixed()).toBe("7.5"); // 5 + 0.50 + flat 2.00
    expect(graduated(list, 10).toFixed()).toBe("9.5");
    expect(graduated(list, 12).toFixed()).toBe("12.7"); // 9.5 + 0.20 + flat 3.00
  });

  it("puts a fractional quantity in the tier whose up_to is not below it", () => {
    expect(graduated(list, "5.5").toFixed()).toBe("7.25");
  });

  it("costs nothing, flat fees included, at a quantity of 0 or less", () => {
    const withFirstFee = tiers([10, "1", "5"], [null, "0.5"]);
    expect(graduated(withFirstFee, 0).toFixed()).toBe("0");
    expect(graduated(withFirstFee, -3).toFixed()).toBe("0");
    expect(graduated(withFirstFee, 1).toFixed()).toBe("6");
  });

  it("explains every tier it reached", () => {
    const price = priceQuantity({ model: "graduated", tiers: list }, decimal(12));
    expect(price.breakdown).toMatchObject({ model: "graduated" });
    const breakdown = price.breakdown.model === "graduated" ? price.breakdown.tiers : [];
    expect(
      breakdown.map((tier) => [tier.tier, tier.from.toFixed(), tier.units.toFixed(), tier.amount.toFixed()]),
    ).toEqual([
      [1, "0", "5", "5"],
      [2, "5", "5", "4.5"],
      [3, "10", "2", "3.2"],
    ]);
  });
});

describe("volume", () => {
  const list = tiers([5, "1.00"], [10, "0.50", "2.00"], [null, "0.10", "3.00"]);

  it("prices every unit at the tier the whole quantity falls in, plus its flat fee", () => {
    expect(volume(list, 5).toFixed()).toBe("5");
    expect(volume(list, 6).toFixed()).toBe("5"); // 6 × 0.50 + 2.00
    expect(volume(list, "5.5").toFixed()).toBe("4.75");
    expect(volume(list, 20).toFixed()).toBe("5");
    expect(volume(list, 0).toFixed()).toBe("0");
  });
});

describe("percentage", () => {
  it("takes rate % plus the fixed fee, clamped to the per-transaction bounds", () => {
    const pricing = {
      model: "percentage" as const,
      rate: decimal("2.9"),
      fixedFee: decimal("0.30"),
      perTransactionMin: decimal("0.50"),
      perTransactionMax: decimal("5.00"),
    };
    expect(transactionFee(decimal(100), pricing).toFixed()).toBe("3.2");
    expect(transactionFee(decimal(1), pricing).toFixed()).toBe("0.5");
    expect(transactionFee(decimal(1000), pricing).toFixed()).toBe("5");
  });
});

/** Tier lists with strictly increasing bounds, an unbounded last tier, prices in cents. */
const tierLists = (options: { flatFees: boolean; prices: "any" | "non-decreasing" | "non-increasing" }) =>
  fc
    .record({
      widths: fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 0, maxLength: 5 }),
      cents: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 6, maxLength: 6 }),
      fees: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 6, maxLength: 6 }),
    })
    .map(({ widths, cents, fees }) => {
      const prices = cents.slice(0, widths.length + 1);
      if (options.prices === "non-decreasing") prices.sort((left, right) => left - right);
      if (options.prices === "non-increasing") prices.sort((left, right) => right - left);
      let bound = 0;
      return prices.map((price, index) => {
        const width = widths[index];
        bound += width ?? 0;
        return {
          upTo: width === undefined ? null : decimal(bound),
          unitPrice: decimal(price).dividedBy(100),
          flatFee: options.flatFees ? decimal(fees[index] ?? 0).dividedBy(100) : ZERO,
        };
      });
    });

const quantities = fc.oneof(
  fc.integer({ min: 0, max: 6_000 }).map((units) => decimal(units)),
  fc.integer({ min: 0, max: 600_000 }).map((hundredths) => decimal(hundredths).dividedBy(100)),
);

/** The tiers a quantity reaches into: all those whose lower bound is below it. */
function reachedTiers(list: readonly Tier[], quantity: Decimal): Tier[] {
  return list.filter((_, index) => quantity.greaterThan(list[index - 1]?.upTo ?? ZERO));
}

describe("graduated against volume (properties)", () => {
  it("graduated never exceeds the quantity at the highest unit price it reached, plus the flat fees of the tiers it reached", () => {
    fc.assert(
      fc.property(tierLists({ flatFees: true, prices: "any" }), quantities, (list, quantity) => {
        const reached = reachedTiers(list, quantity);
        const highestPrice = reached.reduce((highest, tier) => Decimal.max(highest, tier.unitPrice), ZERO);
        const fees = reached.reduce((total, tier) => total.plus(tier.flatFee), ZERO);
        expect(
          graduated(list, quantity.toFixed()).lessThanOrEqualTo(quantity.times(highestPrice).plus(fees)),
        ).toBe(true);
      }),
    );
  });

  it("with non-decreasing unit prices and no flat fees, graduated never exceeds volume (every unit at the top tier reached)", () => {
    fc.assert(
      fc.property(tierLists({ flatFees: false, prices: "non-decreasing" }), quantities, (list, quantity) => {
        expect(graduated(list, quantity.toFixed()).lessThanOrEqualTo(volume(list, quantity.toFixed()))).toBe(
          true,
        );
      }),
    );
  });

  it("with non-increasing unit prices and no flat fees, graduated is never below volume", () => {
    fc.assert(
      fc.property(tierLists({ flatFees: false, prices: "non-increasing" }), quantities, (list, quantity) => {
        expect(
          graduated(list, quantity.toFixed()).greaterThanOrEqualTo(volume(list, quantity.toFixed())),
        ).toBe(true);
      }),
    );
  });

  it("within the first tier, graduated and volume agree", () => {
    fc.assert(
      fc.property(tierLists({ flatFees: true, prices: "any" }), quantities, (list, quantity) => {
        const firstBound = list[0]?.upTo;
        fc.pre(firstBound === null || firstBound === undefined || quantity.lessThanOrEqualTo(firstBound));
        expect(graduated(list, quantity.toFixed()).equals(volume(list, quantity.toFixed()))).toBe(true);
      }),
    );
  });

  it("graduated never decreases as the quantity grows", () => {
    fc.assert(
      fc.property(
        tierLists({ flatFees: true, prices: "any" }),
        quantities,
        quantities,
        (list, first, second) => {
          const [lower, higher] = first.lessThanOrEqualTo(second) ? [first, second] : [second, first];
          expect(graduated(list, lower.toFixed()).lessThanOrEqualTo(graduated(list, higher.toFixed()))).toBe(
            true,
          );
        },
      ),
    );
  });
});
