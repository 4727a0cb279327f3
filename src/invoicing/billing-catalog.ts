// The engine's catalog for a customer's subscriptions: every plan version a
// timeline names, keyed by version id (so one timeline can move between
// versions of a plan), priced in the subscription's currency, with the
// subscription's own price overrides in effect at the instant being billed.

import type { PlanVersionContent } from "../catalog/index.ts";
import { planVersionsByIds, toCoreCharges } from "../catalog/index.ts";
import {
  type Catalog,
  Decimal,
  type Instant,
  type IntervalUnit,
  type Meter,
  type PlanVersion,
} from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { applyOverrides, type EffectiveOverride } from "../subscriptions/index.ts";

/** A published plan version as invoicing prices and explains it. */
export type PricedVersion = {
  id: string;
  planId: string;
  planCode: string;
  planName: string;
  version: number;
  content: PlanVersionContent;
};

/** The plan versions with these ids, as the catalog has them (one read, in bulk). */
export async function loadPricedVersions(
  database: Database,
  scope: TenantScope,
  versionIds: readonly string[],
): Promise<Map<string, PricedVersion>> {
  const versions = await planVersionsByIds(database, scope, versionIds);
  return new Map(
    [...versions].map(([id, version]) => [
      id,
      {
        id: version.id,
        planId: version.planId,
        planCode: version.planCode,
        planName: version.planName,
        version: version.version,
        content: version.content,
      },
    ]),
  );
}

/** The version's minimum commitment in `currency`: its own, or its price book's. */
function minimumCommitmentIn(content: PlanVersionContent, currency: string): string | null {
  if (currency === content.currency) return content.minimum_commitment;
  const book = content.currency_prices.find((candidate) => candidate.currency === currency);
  return book?.minimum_commitment ?? null;
}

/** One plan version as the engine prices it, with the overrides in effect at `at`. */
export function enginePlanVersion(
  version: PricedVersion,
  input: {
    currency: string;
    meterAggregations: ReadonlyMap<string, string>;
    overrides: readonly EffectiveOverride[];
    at: Instant;
  },
): PlanVersion {
  const charges = toCoreCharges(version.content, input.meterAggregations, input.currency);
  const minimum = minimumCommitmentIn(version.content, input.currency);
  return {
    code: version.id,
    interval: { unit: version.content.interval as IntervalUnit, count: version.content.interval_count },
    ...(minimum === null ? {} : { minimumCommitment: new Decimal(minimum) }),
    charges: input.overrides.length === 0 ? charges : applyOverrides(charges, input.overrides, input.at),
  };
}

/** The engine catalog of one subscription at `at`: the versions its timeline names and the meters they use. */
export function subscriptionCatalog(input: {
  versions: ReadonlyMap<string, PricedVersion>;
  versionIds: readonly string[];
  meters: ReadonlyMap<string, Meter>;
  currency: string;
  overrides: readonly EffectiveOverride[];
  at: Instant;
}): Catalog {
  const meterAggregations = new Map([...input.meters].map(([code, meter]) => [code, meter.aggregation]));
  const plans = new Map<string, PlanVersion>();
  for (const id of input.versionIds) {
    const version = input.versions.get(id);
    if (version === undefined) throw new Error(`plan version ${id} of a subscription was not loaded`);
    plans.set(id, enginePlanVersion(version, { ...input, meterAggregations }));
  }
  return { meters: input.meters, plans };
}

/** The meter codes the charges of these versions price. */
export function meterCodesOf(versions: Iterable<PricedVersion>): string[] {
  const codes = new Set<string>();
  for (const version of versions) {
    for (const charge of version.content.charges) if (charge.meter !== undefined) codes.add(charge.meter);
  }
  return [...codes];
}
