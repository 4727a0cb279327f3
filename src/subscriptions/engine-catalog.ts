// The plan versions a subscription's timeline names, read from the catalog,
// and the billing core's view of them, keyed by plan version id (`plv_…`) so
// that one timeline can move between versions of one plan. A version is
// checked with the catalog's own conversion (toCoreCharges) in the
// subscription's currency before a subscription is put on it.

import type { PlanVersionContent, PlanVersionState } from "../catalog/index.ts";
import { meterAggregationsOf, planVersionsByIds, toCoreCharges } from "../catalog/index.ts";
import { BillingInputError, type Catalog, type PlanVersion as EnginePlanVersion } from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { conflict } from "../platform/errors.ts";

/** A plan version as subscriptions need it: who it belongs to, its number and its content. */
export type PlanVersionFacts = {
  id: string;
  planId: string;
  planCode: string;
  version: number;
  state: PlanVersionState;
  content: PlanVersionContent;
};

/** The plan versions with these ids (those that exist in the tenant), by id, as the catalog has them. */
export async function loadPlanVersions(
  database: Database,
  scope: TenantScope,
  ids: readonly string[],
): Promise<Map<string, PlanVersionFacts>> {
  const versions = await planVersionsByIds(database, scope, ids);
  return new Map(
    [...versions].map(([id, version]) => [
      id,
      {
        id: version.id,
        planId: version.planId,
        planCode: version.planCode,
        version: version.version,
        state: version.state,
        content: version.content,
      },
    ]),
  );
}

/** The currencies a version can bill in: its own and those of its price books. */
export function currenciesOf(content: PlanVersionContent): string[] {
  return [content.currency, ...content.currency_prices.map((book) => book.currency)];
}

/**
 * Refuses a version that cannot bill in `currency`: one the currency has no
 * price book for, or whose charges no longer check out against the meters.
 * Runs the same conversion invoicing runs, so a subscription is never
 * recorded on prices the engine would refuse.
 */
export async function ensureBillableIn(
  database: Database,
  scope: TenantScope,
  version: PlanVersionFacts,
  currency: string,
  path: string,
): Promise<void> {
  if (!currenciesOf(version.content).includes(currency)) {
    throw conflict(
      "plan_version_currency_unsupported",
      `Version ${version.version} of plan ${version.planCode} has no prices in ${currency} ` +
        `(it prices ${currenciesOf(version.content).join(", ")}).`,
      [{ path, message: `cannot price ${currency}` }],
    );
  }
  try {
    toCoreCharges(version.content, await meterAggregationsOf(database, scope), currency);
  } catch (error) {
    if (error instanceof BillingInputError) {
      throw conflict(
        "plan_version_unbillable",
        `Version ${version.version} of plan ${version.planCode} cannot bill in ${currency}: ${error.message}.`,
        [{ path, message: "cannot be billed" }],
      );
    }
    throw error;
  }
}

/**
 * An engine catalog of these versions for laying out billing periods: the
 * schedule reads only each plan's interval, so charges are left out (pricing
 * is invoicing's, with the meters in effect). Keyed by plan version id.
 */
export function scheduleCatalogOf(versions: Iterable<PlanVersionFacts>): Catalog {
  const plans = new Map<string, EnginePlanVersion>();
  for (const version of versions) {
    plans.set(version.id, {
      code: version.id,
      interval: { unit: version.content.interval, count: version.content.interval_count },
      charges: [],
    });
  }
  return { meters: new Map(), plans };
}
