// A contract's rate card (scenario format v2, V28): the entries in force at an
// instant, and a plan version with their prices in place of its own.
import type { Charge, ChargeDimensions, CombinationPrice, PlanVersion, PricingModel } from "../catalog.ts";
import { Decimal, ONE_HUNDRED } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { scalePricing } from "../pricing/scale-prices.ts";
import { combinationKey } from "../usage/dimensions.ts";
import type { PriceReplacement, RateCardEntry } from "./contract.ts";

/** What one entry overrides: a charge, one of its combinations or its default, by replacement or discount. */
function slotOf(entry: RateCardEntry): string {
  const match =
    entry.match === undefined ? "" : entry.match === "default" ? "default" : combinationKey(entry.match);
  return JSON.stringify([entry.chargeId, match, entry.change.type]);
}

/**
 * The entries of a plan in force at `instant`: per charge, combination and
 * kind, the one with the latest `from` at or before it (the later listed on a
 * tie), unless its `until` is at or before the instant (then none: an earlier
 * entry does not come back).
 */
function rateCardEntriesAt(
  rateCard: readonly RateCardEntry[],
  planCode: string,
  instant: Instant,
): RateCardEntry[] {
  const latest = new Map<string, RateCardEntry>();
  for (const entry of rateCard) {
    if (entry.planCode !== planCode || entry.from > instant) continue;
    const slot = slotOf(entry);
    const current = latest.get(slot);
    if (current === undefined || entry.from >= current.from) latest.set(slot, entry);
  }
  return [...latest.values()].filter((entry) => entry.until === undefined || entry.until > instant);
}

function replacePrices(pricing: PricingModel, prices: PriceReplacement): PricingModel {
  switch (pricing.model) {
    case "per_unit":
      return { ...pricing, unitPrice: prices.unitPrice ?? pricing.unitPrice };
    case "package":
      return { ...pricing, packagePrice: prices.packagePrice ?? pricing.packagePrice };
    case "graduated":
    case "volume":
      return { ...pricing, tiers: prices.tiers ?? pricing.tiers };
    case "percentage":
      return { ...pricing, rate: prices.rate ?? pricing.rate, fixedFee: prices.fixedFee ?? pricing.fixedFee };
  }
}

function discountFactor(percent: Decimal): Decimal {
  return new Decimal(1).minus(percent.dividedBy(ONE_HUNDRED));
}

/** A pricing with the entries that name it applied: replacement first, then discount. */
function overridden(pricing: PricingModel, entries: readonly RateCardEntry[]): PricingModel {
  let result = pricing;
  for (const entry of entries)
    if (entry.change.type === "replacement") result = replacePrices(result, entry.change.prices);
  for (const entry of entries) {
    if (entry.change.type === "discount") result = scalePricing(result, discountFactor(entry.change.percent));
  }
  return result;
}

function overriddenDimensions(
  dimensions: ChargeDimensions,
  entries: readonly RateCardEntry[],
): ChargeDimensions {
  const forMatch = (match: string) =>
    entries.filter(
      (entry) =>
        entry.match !== undefined &&
        (entry.match === "default" ? "default" : combinationKey(entry.match)) === match,
    );
  const whole = entries.filter((entry) => entry.match === undefined);
  const prices = new Map<string, CombinationPrice>();
  for (const [key, price] of dimensions.prices) {
    prices.set(key, { ...price, pricing: overridden(overridden(price.pricing, forMatch(key)), whole) });
  }
  const fallback =
    dimensions.fallback === "reject"
      ? "reject"
      : overridden(overridden(dimensions.fallback, forMatch("default")), whole);
  return { ...dimensions, prices, fallback };
}

function overriddenCharge(charge: Charge, entries: readonly RateCardEntry[]): Charge {
  if (charge.type === "fixed") {
    let amount = charge.amount;
    for (const entry of entries) {
      if (entry.change.type === "replacement") amount = entry.change.prices.amount ?? amount;
    }
    for (const entry of entries) {
      if (entry.change.type === "discount") amount = amount.times(discountFactor(entry.change.percent));
    }
    return { ...charge, amount };
  }
  if (charge.dimensions !== undefined) {
    return { ...charge, dimensions: overriddenDimensions(charge.dimensions, entries) };
  }
  return { ...charge, pricing: overridden(charge.pricing, entries) };
}

/**
 * The plan priced as the rate card says at `instant` (V28). On a dimensional
 * charge, an entry with `match` overrides that combination's price (or the
 * default's), and a discount without `match` then scales every price.
 */
export function planWithRateCard(
  plan: PlanVersion,
  rateCard: readonly RateCardEntry[],
  instant: Instant,
): PlanVersion {
  if (rateCard.length === 0) return plan;
  const entries = rateCardEntriesAt(rateCard, plan.code, instant);
  if (entries.length === 0) return plan;
  return {
    ...plan,
    charges: plan.charges.map((charge) => {
      const own = entries.filter((entry) => entry.chargeId === charge.id);
      return own.length === 0 ? charge : overriddenCharge(charge, own);
    }),
  };
}
