// The catalog objects the engine prices with: meters, plan versions, charges
// and their pricing models. Plain data, already validated; amounts are Decimals.
import type { BillingInterval } from "./billing-periods.ts";
import type { Decimal } from "./decimal.ts";

export type Aggregation = "count" | "sum" | "max" | "unique_count" | "latest" | "weighted_sum";

/** Aggregations whose property must be numeric (all but count, which has none, and unique_count). */
export function needsNumericProperty(aggregation: Aggregation): boolean {
  return aggregation !== "count" && aggregation !== "unique_count";
}

export type MeterFilter = {
  readonly property: string;
  /** Accepted property values, each as a canonical value key (see usage/property-values.ts). */
  readonly acceptedValues: readonly unknown[];
};

export type Meter = {
  readonly code: string;
  readonly eventName: string;
  readonly aggregation: Aggregation;
  /** The aggregated property; absent for `count`. */
  readonly property?: string;
  /** Every filter must accept the event's property value. */
  readonly filters: readonly MeterFilter[];
};

export type Tier = {
  /** Inclusive upper bound of the tier (`5` covers units 1–5); null on the last tier. */
  readonly upTo: Decimal | null;
  readonly unitPrice: Decimal;
  /** Added once when the quantity reaches into the tier. */
  readonly flatFee: Decimal;
};

export type PerUnitPricing = {
  readonly model: "per_unit";
  readonly unitPrice: Decimal;
  readonly freeUnits: Decimal;
};

export type PackagePricing = {
  readonly model: "package";
  readonly packageSize: Decimal;
  readonly packagePrice: Decimal;
  readonly freeUnits: Decimal;
};

export type TieredPricing = {
  readonly model: "graduated" | "volume";
  readonly tiers: readonly Tier[];
};

/** A fee per transaction: `value × rate / 100 + fixedFee`, clamped to [min, max] when given. */
export type PercentagePricing = {
  readonly model: "percentage";
  /** Percent of the transaction's value, `"2.9"` for 2.9 %. */
  readonly rate: Decimal;
  readonly fixedFee: Decimal;
  readonly perTransactionMin?: Decimal;
  readonly perTransactionMax?: Decimal;
};

/** Models that price an aggregated quantity (all but percentage, which prices each event). */
export type QuantityPricing = PerUnitPricing | PackagePricing | TieredPricing;

export type PricingModel = QuantityPricing | PercentagePricing;

export type FixedCharge = {
  readonly type: "fixed";
  readonly id: string;
  /** Amount per full period. */
  readonly amount: Decimal;
  readonly timing: "in_advance" | "in_arrears";
  /** False bills a partial period whole and gives no proration credit. */
  readonly prorate: boolean;
  /** Bounds of the quantity a subscription may hold (scenario format v2, V8); checked where it is set. */
  readonly minQuantity?: number;
  readonly maxQuantity?: number;
  /** A decrease inside a period gives a prorated credit (V9); absent: false. */
  readonly creditOnDecrease?: boolean;
  /** The quantity is the meter's `max` or `latest` aggregate over each segment, clamped to the bounds (V12). */
  readonly quantityMeter?: string;
};

/** One listed combination of a dimensional charge and its price. */
export type CombinationPrice = {
  /** The combination's values, one per dimension, in their compared form (see dimensionValue). */
  readonly values: readonly string[];
  readonly pricing: PricingModel;
  /** Position in the charge's listed prices: lines of listed combinations come in this order. */
  readonly position: number;
};

/**
 * Prices by one or two event properties (scenario format v2, section 1): each
 * combination of their values is aggregated and priced on its own.
 */
export type ChargeDimensions = {
  /** The property names, one or two. */
  readonly properties: readonly string[];
  /** The listed combinations by combination key (see combinationKey): a map lookup per event. */
  readonly prices: ReadonlyMap<string, CombinationPrice>;
  /** The price of every combination not listed, or `reject` to refuse their events. */
  readonly fallback: PricingModel | "reject";
};

export type UsageCharge = {
  readonly type: "usage";
  readonly id: string;
  readonly meterCode: string;
  /**
   * The charge's price. For a charge with `dimensions`, the price of a
   * combination not listed (the first listed price under `reject`); its lines
   * are priced by `dimensions`.
   */
  readonly pricing: PricingModel;
  readonly dimensions?: ChargeDimensions;
  /** `in_advance` bills usage as it arrives, in instant windows (scenario format v2, section 3); absent: in arrears. */
  readonly timing?: "in_arrears" | "in_advance";
  /** The code of the pricing unit its prices are in (scenario format v2, V21); absent: the currency. */
  readonly unit?: string;
};

export type Charge = FixedCharge | UsageCharge;

/** A custom unit prices can be written in, worth `rate` of the currency each (scenario format v2, V20). */
export type PricingUnit = {
  readonly code: string;
  readonly rate: Decimal;
  /** Amounts in the unit are rounded to this many places, ties away from zero. */
  readonly decimals: number;
};

/** Units of a pricing unit granted at the start of each billing period of a plan (V22, V24). */
export type Allowance = {
  readonly unit: string;
  /** Per full period. */
  readonly amount: Decimal;
  /** What is left of a period's grant at its end: expires, carries in full, or carries up to a cap. */
  readonly rollover:
    | { readonly type: "none" }
    | { readonly type: "full" }
    | { readonly type: "capped"; readonly cap: Decimal };
  /** Units rolled over expire at the end of this many periods after the one that granted them; absent: never. */
  readonly rolloverExpiresAfter?: number;
  /** False grants a partial period's whole amount. */
  readonly prorate: boolean;
};

/** One version of a plan: what a subscription on it pays, in listed charge order. */
export type PlanVersion = {
  readonly code: string;
  readonly interval: BillingInterval;
  /** Least the plan's charges add up to per full period, before discounts, credits and tax. */
  readonly minimumCommitment?: Decimal;
  readonly charges: readonly Charge[];
  /** At most one per pricing unit (scenario format v2, section 4). */
  readonly allowances?: readonly Allowance[];
};

/** Thrown when the engine is handed data that breaks its own invariants (a caller's bug). */
export class BillingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BillingInputError";
  }
}

export type Catalog = {
  readonly meters: ReadonlyMap<string, Meter>;
  readonly plans: ReadonlyMap<string, PlanVersion>;
  /** By code; absent: none. */
  readonly pricingUnits?: ReadonlyMap<string, PricingUnit>;
};

export function createCatalog(
  meters: readonly Meter[],
  plans: readonly PlanVersion[],
  pricingUnits: readonly PricingUnit[] = [],
): Catalog {
  return {
    meters: new Map(meters.map((meter) => [meter.code, meter])),
    plans: new Map(plans.map((plan) => [plan.code, plan])),
    ...(pricingUnits.length === 0
      ? {}
      : { pricingUnits: new Map(pricingUnits.map((unit) => [unit.code, unit])) }),
  };
}

export function pricingUnitOf(catalog: Catalog, code: string): PricingUnit {
  const unit = catalog.pricingUnits?.get(code);
  if (unit === undefined) throw new BillingInputError(`unknown pricing unit "${code}"`);
  return unit;
}

export function planOf(catalog: Catalog, code: string): PlanVersion {
  const plan = catalog.plans.get(code);
  if (plan === undefined) throw new BillingInputError(`unknown plan "${code}"`);
  return plan;
}

export function meterOf(catalog: Catalog, code: string): Meter {
  const meter = catalog.meters.get(code);
  if (meter === undefined) throw new BillingInputError(`unknown meter "${code}"`);
  return meter;
}
