// Customer-specific pricing on top of a plan version: which overrides are in
// effect at an instant, and the charges with them applied, as the billing
// core's own charge types. The subscriptions and invoicing domains call
// `applyOverrides` before pricing; nothing here reads a database or a clock.
//
// Each override belongs to one plan (all its versions: a plan change to
// another plan leaves it behind, even where that plan has a charge of the same
// id) and to a slot of one of its charges: `price` (replaces a price:
// unit price, package price, tiers, amount or rate) or `discount` (a percentage
// off the charge, after any price override). Per charge and slot, the override
// in effect at T is the one with the latest effective_from at or before T (the
// higher version when two share a date); if that one ended (effective_until at
// or before T) the slot is empty. A percentage discount scales every price of
// the charge, which scales its amount by the same factor since each model's
// amount is a sum of prices times quantities.

import type { Instant } from "../core/index.ts";
import {
  BillingInputError,
  type Charge,
  Decimal,
  ONE,
  ONE_HUNDRED,
  type PricingModel,
  scaleChargePrices,
  type Tier,
} from "../core/index.ts";
import type { PriceOverrideDocument } from "./price-override-schemas.ts";

export type RateChange =
  | { readonly type: "unit_price"; readonly unitPrice: Decimal }
  | { readonly type: "package_price"; readonly packagePrice: Decimal }
  | { readonly type: "tiers"; readonly tiers: readonly Tier[] }
  | { readonly type: "amount"; readonly amount: Decimal }
  | { readonly type: "rate"; readonly rate: Decimal }
  | { readonly type: "percentage_discount"; readonly percent: Decimal };

export type EffectiveOverride = {
  /** The plan whose charge it overrides: it prices that plan's versions only. */
  readonly planId: string;
  readonly chargeId: string;
  readonly slot: "price" | "discount";
  readonly version: number;
  readonly effectiveFrom: Instant;
  /** Exclusive; null when open-ended. */
  readonly effectiveUntil: Instant | null;
  readonly change: RateChange;
};

/** The slot an override of this type fills. */
export function slotOf(type: RateChange["type"]): EffectiveOverride["slot"] {
  return type === "percentage_discount" ? "discount" : "price";
}

/** Converts an override as stored (decimal strings) to the engine's decimals. */
export function toRateChange(document: PriceOverrideDocument): RateChange {
  const required = (value: string | undefined, field: string): Decimal => {
    if (value === undefined) throw new BillingInputError(`a ${document.type} override needs ${field}`);
    return new Decimal(value);
  };
  switch (document.type) {
    case "unit_price":
      return { type: "unit_price", unitPrice: required(document.unit_price, "unit_price") };
    case "package_price":
      return { type: "package_price", packagePrice: required(document.package_price, "package_price") };
    case "amount":
      return { type: "amount", amount: required(document.amount, "amount") };
    case "rate":
      return { type: "rate", rate: required(document.rate, "rate") };
    case "percentage_discount":
      return { type: "percentage_discount", percent: required(document.percent, "percent") };
    case "tiers":
      if (document.tiers === undefined) throw new BillingInputError("a tiers override needs tiers");
      return {
        type: "tiers",
        tiers: document.tiers.map((tier) => ({
          upTo: tier.up_to === null ? null : new Decimal(tier.up_to),
          unitPrice: new Decimal(tier.unit_price),
          flatFee: new Decimal(tier.flat_fee ?? "0"),
        })),
      };
  }
}

/** The overrides of one plan's charges (every version of it), out of all of a subscription's. */
export function overridesOfPlan(
  overrides: readonly EffectiveOverride[],
  planId: string,
): EffectiveOverride[] {
  return overrides.filter((override) => override.planId === planId);
}

/** Per charge id, the price and discount overrides in effect at `at`. */
export function overridesInEffect(
  overrides: readonly EffectiveOverride[],
  at: Instant,
): Map<string, { price?: EffectiveOverride; discount?: EffectiveOverride }> {
  const latest = new Map<string, EffectiveOverride>();
  for (const override of overrides) {
    if (override.effectiveFrom > at) continue;
    const key = `${override.chargeId}\u0000${override.slot}`;
    const current = latest.get(key);
    if (
      current === undefined ||
      override.effectiveFrom > current.effectiveFrom ||
      (override.effectiveFrom === current.effectiveFrom && override.version > current.version)
    ) {
      latest.set(key, override);
    }
  }
  const byCharge = new Map<string, { price?: EffectiveOverride; discount?: EffectiveOverride }>();
  for (const override of latest.values()) {
    if (override.effectiveUntil !== null && override.effectiveUntil <= at) continue;
    const entry = byCharge.get(override.chargeId) ?? {};
    entry[override.slot] = override;
    byCharge.set(override.chargeId, entry);
  }
  return byCharge;
}

/**
 * The plan version's charges with the overrides in effect at `at` applied, in
 * the same order. Throws BillingInputError when an override no longer fits
 * its charge (a unit price on a charge that became graduated): a price must
 * never be guessed.
 */
export function applyOverrides(
  planVersionCharges: readonly Charge[],
  overrides: readonly EffectiveOverride[],
  at: Instant,
): Charge[] {
  const inEffect = overridesInEffect(overrides, at);
  return planVersionCharges.map((charge) => {
    const entry = inEffect.get(charge.id);
    if (entry === undefined) return charge;
    let result = charge;
    if (entry.price !== undefined) result = replacePrice(result, entry.price.change);
    if (entry.discount !== undefined && entry.discount.change.type === "percentage_discount") {
      result = scaleChargePrices(result, ONE.minus(entry.discount.change.percent.dividedBy(ONE_HUNDRED)));
    }
    return result;
  });
}

function replacePrice(charge: Charge, change: RateChange): Charge {
  const mismatch = (): never => {
    const model = charge.type === "fixed" ? "fixed" : charge.pricing.model;
    throw new BillingInputError(
      `a ${change.type} override does not fit charge "${charge.id}", which is ${model}`,
    );
  };
  if (charge.type === "fixed") {
    return change.type === "amount" ? { ...charge, amount: change.amount } : mismatch();
  }
  const pricing = charge.pricing;
  let replaced: PricingModel;
  if (change.type === "unit_price" && pricing.model === "per_unit")
    replaced = { ...pricing, unitPrice: change.unitPrice };
  else if (change.type === "package_price" && pricing.model === "package")
    replaced = { ...pricing, packagePrice: change.packagePrice };
  else if (change.type === "tiers" && (pricing.model === "graduated" || pricing.model === "volume"))
    replaced = { ...pricing, tiers: change.tiers };
  else if (change.type === "rate" && pricing.model === "percentage")
    replaced = { ...pricing, rate: change.rate };
  else return mismatch();
  return { ...charge, pricing: replaced };
}
