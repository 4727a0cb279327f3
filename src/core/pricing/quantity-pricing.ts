// Charge models that price an aggregated quantity: per_unit, package,
// graduated and volume. Each returns the exact amount (rounded later, once, by
// the invoice line) and a breakdown that says how it was reached.
import type { PackagePricing, PerUnitPricing, QuantityPricing, Tier, TieredPricing } from "../catalog.ts";
import { type Decimal, maxDecimal, minDecimal, ZERO } from "../decimal.ts";

export type TierBreakdown = {
  /** 1-based position of the tier in the list. */
  readonly tier: number;
  /** Units above this bound fall in the tier (the previous tier's `upTo`, 0 for the first). */
  readonly from: Decimal;
  readonly upTo: Decimal | null;
  readonly units: Decimal;
  readonly unitPrice: Decimal;
  /** The flat fee charged for the tier (0 when it has none). */
  readonly flatFee: Decimal;
  /** `units × unitPrice + flatFee`, exact. */
  readonly amount: Decimal;
};

export type QuantityPriceBreakdown =
  | {
      readonly model: "per_unit";
      readonly freeUnits: Decimal;
      readonly billableUnits: Decimal;
      readonly unitPrice: Decimal;
    }
  | {
      readonly model: "package";
      readonly freeUnits: Decimal;
      readonly billableUnits: Decimal;
      readonly packageSize: Decimal;
      readonly packages: Decimal;
      readonly packagePrice: Decimal;
    }
  | { readonly model: "graduated" | "volume"; readonly tiers: readonly TierBreakdown[] };

export type QuantityPrice = {
  /** Exact amount, not yet rounded to the currency. */
  readonly amount: Decimal;
  readonly breakdown: QuantityPriceBreakdown;
};

function billableUnits(quantity: Decimal, freeUnits: Decimal): Decimal {
  return maxDecimal(ZERO, quantity.minus(freeUnits));
}

function pricePerUnit(pricing: PerUnitPricing, quantity: Decimal): QuantityPrice {
  const billable = billableUnits(quantity, pricing.freeUnits);
  return {
    amount: billable.times(pricing.unitPrice),
    breakdown: {
      model: "per_unit",
      freeUnits: pricing.freeUnits,
      billableUnits: billable,
      unitPrice: pricing.unitPrice,
    },
  };
}

function pricePackage(pricing: PackagePricing, quantity: Decimal): QuantityPrice {
  const billable = billableUnits(quantity, pricing.freeUnits);
  const packages = billable.dividedBy(pricing.packageSize).ceil();
  return {
    amount: packages.times(pricing.packagePrice),
    breakdown: {
      model: "package",
      freeUnits: pricing.freeUnits,
      billableUnits: billable,
      packageSize: pricing.packageSize,
      packages,
      packagePrice: pricing.packagePrice,
    },
  };
}

function tierLine(tiers: readonly Tier[], index: number, units: Decimal): TierBreakdown {
  const tier = tiers[index]!;
  return {
    tier: index + 1,
    from: tiers[index - 1]?.upTo ?? ZERO,
    upTo: tier.upTo,
    units,
    unitPrice: tier.unitPrice,
    flatFee: tier.flatFee,
    amount: units.times(tier.unitPrice).plus(tier.flatFee),
  };
}

/**
 * Each unit at the price of the tier it falls in; `upTo` is inclusive. A tier's
 * flat fee is charged once the quantity reaches into it.
 */
function priceGraduated(tiers: readonly Tier[], quantity: Decimal): TierBreakdown[] {
  const breakdown: TierBreakdown[] = [];
  let lowerBound = ZERO;
  for (const [index, tier] of tiers.entries()) {
    if (quantity.lessThanOrEqualTo(lowerBound)) break;
    const upperBound = tier.upTo === null ? quantity : minDecimal(quantity, tier.upTo);
    breakdown.push(tierLine(tiers, index, upperBound.minus(lowerBound)));
    if (tier.upTo === null) break;
    lowerBound = tier.upTo;
  }
  return breakdown;
}

/**
 * Every unit at the price of the one tier the whole quantity falls in: the
 * first whose `upTo` is not below it (so a fractional quantity between two
 * bounds goes to the upper tier), plus that tier's flat fee.
 */
function priceVolume(tiers: readonly Tier[], quantity: Decimal): TierBreakdown[] {
  if (quantity.lessThanOrEqualTo(ZERO)) return [];
  const index = tiers.findIndex((tier) => tier.upTo === null || quantity.lessThanOrEqualTo(tier.upTo));
  if (index === -1) throw new Error("a tier list must end with an unbounded tier");
  return [tierLine(tiers, index, quantity)];
}

function priceTiered(pricing: TieredPricing, quantity: Decimal): QuantityPrice {
  const tiers =
    pricing.model === "graduated"
      ? priceGraduated(pricing.tiers, quantity)
      : priceVolume(pricing.tiers, quantity);
  const amount = tiers.reduce((total, tier) => total.plus(tier.amount), ZERO);
  return { amount, breakdown: { model: pricing.model, tiers } };
}

/** The exact price of a quantity. A quantity of 0 or less costs 0, flat fees included. */
export function priceQuantity(pricing: QuantityPricing, quantity: Decimal): QuantityPrice {
  switch (pricing.model) {
    case "per_unit":
      return pricePerUnit(pricing, quantity);
    case "package":
      return pricePackage(pricing, quantity);
    case "graduated":
    case "volume":
      return priceTiered(pricing, quantity);
  }
}
