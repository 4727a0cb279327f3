// What plan versions refer to by code, loaded once per write: the meters
// (with the aggregation each counts with now), products and features of the
// environment.
import { loadMeterVersions } from "../metering/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import type { CatalogReferences } from "./plan-version-rules.ts";

export async function loadCatalogReferences(
  database: Database,
  scope: TenantScope,
): Promise<CatalogReferences> {
  const [meterAggregations, products, features] = await Promise.all([
    meterAggregationsOf(database, scope),
    database.selectFrom("products").select("code").where(inTenant(scope)).execute(),
    database.selectFrom("features").select(["code", "kind"]).where(inTenant(scope)).execute(),
  ]);
  return {
    meterAggregations,
    productCodes: new Set(products.map((product) => product.code)),
    featureKinds: new Map(features.map((feature) => [feature.code, feature.kind])),
  };
}

/**
 * Each meter's code with the aggregation of its latest version: a charge is
 * priced on what the meter counts from now on.
 */
export async function meterAggregationsOf(
  database: Database,
  scope: TenantScope,
): Promise<Map<string, string>> {
  const versions = await loadMeterVersions(database, scope);
  const latest = new Map<string, { version: number; aggregation: string }>();
  for (const version of versions) {
    const known = latest.get(version.code);
    if (known === undefined || version.version > known.version) {
      latest.set(version.code, { version: version.version, aggregation: version.definition.aggregation });
    }
  }
  return new Map([...latest].map(([code, { aggregation }]) => [code, aggregation]));
}
