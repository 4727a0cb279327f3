// What other domains read about plans and their versions, as plain data and
// in bulk: the versions a set of subscriptions or invoice lines names (one
// query however many), and plan codes by id or id by code. Only the catalog
// queries its own tables.
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { contentOf, type PlanVersionRow } from "./plan-store.ts";
import type { PlanVersionContent } from "./plan-version-content.ts";
import type { PlanVersionState } from "./tables.ts";

/** A plan version with the plan it belongs to: who, which number, in which state, and its content. */
export type PlanVersionRecord = {
  id: string;
  planId: string;
  planCode: string;
  planName: string;
  version: number;
  state: PlanVersionState;
  content: PlanVersionContent;
  /** The name of each product of the environment, by code: what invoice lines call a charge that sells one. */
  productNames: Readonly<Record<string, string>>;
};

/**
 * The one loader of plan versions for other domains: the versions with these
 * ids (those the tenant has), by id, each with its plan's code and name, in
 * one query, and the environment's product names in one more beside it.
 */
export async function planVersionsByIds(
  database: Database,
  scope: TenantScope,
  versionIds: readonly string[],
): Promise<Map<string, PlanVersionRecord>> {
  const ids = [...new Set(versionIds)];
  if (ids.length === 0) return new Map();
  const [rows, productNames] = await Promise.all([
    selectVersionRecords(database, scope).where("plan_versions.id", "in", ids).execute(),
    productNamesByCode(database, scope),
  ]);
  return new Map(rows.map((row) => [row.id, recordOf(row, productNames)]));
}

/** Version `version` of the plan with id `planId`, or undefined when the plan has no such version. */
export async function planVersionByNumber(
  database: Database,
  scope: TenantScope,
  planId: string,
  version: number,
): Promise<PlanVersionRecord | undefined> {
  const [row, productNames] = await Promise.all([
    selectVersionRecords(database, scope)
      .where("plan_versions.plan_id", "=", planId)
      .where("plan_versions.version", "=", version)
      .executeTakeFirst(),
    productNamesByCode(database, scope),
  ]);
  return row === undefined ? undefined : recordOf(row, productNames);
}

function selectVersionRecords(database: Database, scope: TenantScope) {
  return database
    .selectFrom("plan_versions")
    .innerJoin("plans", "plans.id", "plan_versions.plan_id")
    .selectAll("plan_versions")
    .select(["plans.code as plan_code", "plans.name as plan_name"])
    .where(inTenant(scope, "plan_versions"));
}

/** The name of each product of the environment, by code: read once for all the versions a loader returns. */
async function productNamesByCode(database: Database, scope: TenantScope): Promise<Record<string, string>> {
  const rows = await database
    .selectFrom("products")
    .select(["code", "name"])
    .where(inTenant(scope))
    .execute();
  return Object.fromEntries(rows.map((row) => [row.code, row.name]));
}

function recordOf(
  row: PlanVersionRow & { plan_code: string; plan_name: string },
  productNames: Readonly<Record<string, string>>,
): PlanVersionRecord {
  return {
    id: row.id,
    planId: row.plan_id,
    planCode: row.plan_code,
    planName: row.plan_name,
    version: row.version,
    state: row.state,
    content: contentOf(row),
    productNames,
  };
}

/** The code of each of these plans (those the tenant has), by plan id, in one query. */
export async function planCodesByIds(
  database: Database,
  scope: TenantScope,
  planIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(planIds)];
  if (ids.length === 0) return new Map();
  const rows = await database
    .selectFrom("plans")
    .select(["id", "code"])
    .where(inTenant(scope))
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row.code]));
}

/** The id of the plan with this code, or undefined. */
export async function findPlanIdByCode(
  database: Database,
  scope: TenantScope,
  code: string,
): Promise<string | undefined> {
  const row = await database
    .selectFrom("plans")
    .select("id")
    .where(inTenant(scope))
    .where("code", "=", code)
    .executeTakeFirst();
  return row?.id;
}
