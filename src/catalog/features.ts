// Features: what a plan or a direct grant entitles a customer to. Three kinds:
// boolean (on or off), static (a configuration value, such as a theme or a
// seat count), and metered (a limit per billing period on a meter's usage).
// A feature's kind never changes, since plan versions already published give
// values of that kind.
import type { Selectable } from "kysely";
import { recordCreation, recordObjectChange } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { ChangeCache } from "../platform/database/change-cache.ts";
import { announceChange } from "../platform/database/change-notifications.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { validationFailed } from "../platform/errors.ts";
import { catalogEntryChanges, creatingCatalogEntry, newCatalogEntryColumns } from "./catalog-entries.ts";
import { meterAggregationsOf } from "./catalog-references.ts";
import type { CreateFeatureInput, Feature, UpdateFeatureInput } from "./product-feature-schemas.ts";
import type { FeatureTable } from "./tables.ts";

const featuresTopic = "features";

/**
 * Every feature of each environment, cached in the process for the reads on
 * every gated request (entitlements); creating or changing a feature
 * announces itself and every process drops the environment's entry.
 */
const environmentFeatureCache = new ChangeCache<readonly Feature[]>(featuresTopic);

function announceFeaturesChanged(transaction: DatabaseTransaction, context: RequestContext): Promise<void> {
  return announceChange(transaction, context.database, {
    topic: featuresTopic,
    scope: context.environmentId,
  });
}

/** Every feature of the environment (they are few), from the cache when it is current. */
export async function featuresOfEnvironment(
  database: Database,
  scope: TenantScope,
): Promise<readonly Feature[]> {
  return environmentFeatureCache.read(database, scope.environmentId, "all", () =>
    listAllFeatures(database, scope),
  );
}

export async function createFeature(context: RequestContext, input: CreateFeatureInput): Promise<Feature> {
  if (input.kind === "metered" && input.meter === undefined) {
    throw validationFailed([{ path: "$.meter", message: "is required for a metered feature" }]);
  }
  if (input.kind !== "metered" && input.meter !== undefined) {
    throw validationFailed([
      { path: "$.meter", message: `must be left out: a ${input.kind} feature has no meter` },
    ]);
  }
  if (input.meter !== undefined) await checkMeter(context, input.meter);
  const now = context.clock.now();
  return creatingCatalogEntry(context, "feature", input.code, async (transaction) => {
    const row = await insertTenantRow(transaction, context, "features", "feature", now, {
      ...newCatalogEntryColumns(input, now),
      kind: input.kind,
      meter_code: input.meter ?? null,
    });
    await announceFeaturesChanged(transaction, context);
    return recordCreation(transaction, context, "feature", presentFeature(row));
  });
}

export async function getFeature(context: RequestContext, id: string): Promise<Feature> {
  const row = await findInTenant(context.database, context, "features", id, "feature");
  return presentFeature(row);
}

export async function listFeatures(context: RequestContext, page: PageRequest): Promise<Feature[]> {
  const query = newestFirstPage(selectFeatures(context.database, context), page);
  return (await query.execute()).map(presentFeature);
}

/** Every feature of an environment, by code: for catalog export, plan validation and entitlements. */
export async function listAllFeatures(database: Database, scope: TenantScope): Promise<Feature[]> {
  return (await selectFeatures(database, scope).orderBy("code").execute()).map(presentFeature);
}

/** The feature with this code, or undefined. */
export async function findFeatureByCode(
  database: Database,
  scope: TenantScope,
  code: string,
): Promise<Feature | undefined> {
  const row = await selectFeatures(database, scope).where("code", "=", code).executeTakeFirst();
  return row ? presentFeature(row) : undefined;
}

export async function updateFeature(
  context: RequestContext,
  id: string,
  input: UpdateFeatureInput,
): Promise<Feature> {
  return context.database.transaction().execute(async (transaction) => {
    const beforeRow = await findInTenant(transaction, context, "features", id, "feature", { lock: true });
    if (input.meter !== undefined) {
      if (beforeRow.kind !== "metered") {
        throw validationFailed([
          { path: "$.meter", message: `must be left out: a ${beforeRow.kind} feature has no meter` },
        ]);
      }
      await checkMeter({ ...context, database: transaction }, input.meter);
    }
    const row = await updateTenantRow(transaction, context, "features", id, {
      ...catalogEntryChanges(input, context.clock.now()),
      ...(input.meter !== undefined ? { meter_code: input.meter } : {}),
    });
    await announceFeaturesChanged(transaction, context);
    const after = presentFeature(row);
    await recordObjectChange(transaction, context, "feature", "updated", presentFeature(beforeRow), after);
    return after;
  });
}

async function checkMeter(context: RequestContext, meterCode: string): Promise<void> {
  const meters = await meterAggregationsOf(context.database, context);
  if (!meters.has(meterCode)) {
    throw validationFailed([{ path: "$.meter", message: `unknown meter "${meterCode}"` }]);
  }
}

function selectFeatures(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "features");
}

function presentFeature(row: Selectable<FeatureTable>): Feature {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    kind: row.kind,
    meter: row.meter_code,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
