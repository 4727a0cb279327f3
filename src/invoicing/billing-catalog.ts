// The engine's catalog for a customer's subscriptions: every plan version a
// timeline names, keyed by version id (so one timeline can move between
// versions of a plan), priced in the subscription's currency, with the
// subscription's own price overrides in effect at the instant being billed.
// The versions are the catalog's records (planVersionsByIds).

import type { PlanVersionContent, PlanVersionRecord } from "../catalog/index.ts";
import { toCoreAllowance, toCoreCharges, toCorePricingUnit } from "../catalog/index.ts";
import {
  type Catalog,
  type Charge,
  Decimal,
  type Instant,
  type IntervalUnit,
  type Meter,
  type PlanVersion,
  type PricingUnit,
} from "../core/index.ts";
import { applyOverrides, type EffectiveOverride, overridesOfPlan } from "../subscriptions/index.ts";

/** The version's minimum commitment in `currency`: its own, or its price book's. */
function minimumCommitmentIn(content: PlanVersionContent, currency: string): string | null {
  if (currency === content.currency) return content.minimum_commitment;
  const book = content.currency_prices.find((candidate) => candidate.currency === currency);
  return book?.minimum_commitment ?? null;
}

/**
 * A version's charges as the engine prices them in a currency, converted (and
 * checked again, see toCoreCharges) once per loaded version, currency and
 * meter aggregations: a bill run prices thousands of subscriptions on the
 * same few versions. The engine and applyOverrides never change a charge.
 */
const coreChargesByContent = new WeakMap<PlanVersionContent, Map<string, readonly Charge[]>>();

function coreChargesOf(
  content: PlanVersionContent,
  meterAggregations: ReadonlyMap<string, string>,
  currency: string,
): readonly Charge[] {
  let byKey = coreChargesByContent.get(content);
  if (byKey === undefined) {
    byKey = new Map();
    coreChargesByContent.set(content, byKey);
  }
  const key = `${currency}\u0000${[...meterAggregations].map(([code, aggregation]) => `${code}=${aggregation}`).join("\u0000")}`;
  let charges = byKey.get(key);
  if (charges === undefined) {
    charges = Object.freeze(toCoreCharges(content, meterAggregations, currency));
    byKey.set(key, charges);
  }
  return charges;
}

/** One plan version as the engine prices it, with the overrides of its plan in effect at `at`. */
export function enginePlanVersion(
  version: PlanVersionRecord,
  input: {
    currency: string;
    meterAggregations: ReadonlyMap<string, string>;
    overrides: readonly EffectiveOverride[];
    at: Instant;
  },
): PlanVersion {
  const charges = coreChargesOf(version.content, input.meterAggregations, input.currency);
  // A subscription's overrides name the plan they were negotiated on; another plan's charge of the same id keeps its price.
  const overrides = overridesOfPlan(input.overrides, version.planId);
  const minimum = minimumCommitmentIn(version.content, input.currency);
  return {
    code: version.id,
    interval: { unit: version.content.interval as IntervalUnit, count: version.content.interval_count },
    ...(minimum === null ? {} : { minimumCommitment: new Decimal(minimum) }),
    charges: overrides.length === 0 ? charges : applyOverrides(charges, overrides, input.at),
    ...(version.content.allowances.length === 0
      ? {}
      : { allowances: version.content.allowances.map(toCoreAllowance) }),
  };
}

/** The engine catalog of one subscription at `at`: the versions its timeline names and the meters they use. */
export function subscriptionCatalog(input: {
  versions: ReadonlyMap<string, PlanVersionRecord>;
  versionIds: readonly string[];
  meters: ReadonlyMap<string, Meter>;
  currency: string;
  overrides: readonly EffectiveOverride[];
  at: Instant;
}): Catalog {
  const meterAggregations = new Map([...input.meters].map(([code, meter]) => [code, meter.aggregation]));
  const plans = new Map<string, PlanVersion>();
  // A unit is defined by the versions that use it; a later version of the timeline redefines it.
  const pricingUnits = new Map<string, PricingUnit>();
  for (const id of input.versionIds) {
    const version = input.versions.get(id);
    if (version === undefined) throw new Error(`plan version ${id} of a subscription was not loaded`);
    plans.set(id, enginePlanVersion(version, { ...input, meterAggregations }));
    for (const unit of version.content.pricing_units) {
      pricingUnits.set(
        unit.code,
        toCorePricingUnit(unit, { version: version.content.currency, billed: input.currency }),
      );
    }
  }
  return { meters: input.meters, plans, ...(pricingUnits.size === 0 ? {} : { pricingUnits }) };
}

/** The meter codes the charges of these versions price, or take a fixed charge's quantity from. */
export function meterCodesOf(versions: Iterable<PlanVersionRecord>): string[] {
  const codes = new Set<string>();
  for (const version of versions) {
    for (const charge of version.content.charges) {
      if (charge.type === "usage") codes.add(charge.meter);
      else if (charge.quantity_meter !== undefined) codes.add(charge.quantity_meter);
    }
  }
  return [...codes];
}
