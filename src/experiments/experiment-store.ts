// Reading experiments: the rows of an experiment and its arms, the arms'
// plan versions, and the experiment as the API presents it (with how many
// customers each arm holds).
import type { Selectable } from "kysely";
import { type PlanVersionRecord, planVersionsByIds } from "../catalog/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { findInTenant, inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import type { ExperimentDecision, ExperimentView } from "./experiment-schemas.ts";
import type { ExperimentArmTable, ExperimentTable } from "./tables.ts";

export type ExperimentRow = Selectable<ExperimentTable>;
export type ExperimentArmRow = Selectable<ExperimentArmTable>;

export async function experimentRow(
  database: Database,
  scope: TenantScope,
  id: string,
  lock = false,
): Promise<ExperimentRow> {
  return findInTenant(database, scope, "experiments", id, "experiment", { lock });
}

export async function armRows(
  database: Database,
  scope: TenantScope,
  experimentId: string,
): Promise<ExperimentArmRow[]> {
  return selectInTenant(database, scope, "experiment_arms")
    .where("experiment_id", "=", experimentId)
    .orderBy("position")
    .execute();
}

/** The arms' plan versions, by version id. */
export async function armVersions(
  database: Database,
  scope: TenantScope,
  arms: readonly ExperimentArmRow[],
): Promise<Map<string, PlanVersionRecord>> {
  const versions = await planVersionsByIds(
    database,
    scope,
    arms.map((arm) => arm.version_id),
  );
  for (const arm of arms) {
    if (!versions.has(arm.version_id))
      throw new Error(`Experiment arm ${arm.id} names a missing plan version.`);
  }
  return versions;
}

export async function loadExperiment(
  database: Database,
  scope: TenantScope,
  id: string,
): Promise<ExperimentView> {
  const [view] = await presentExperiments(database, scope, [await experimentRow(database, scope, id)]);
  return view as ExperimentView;
}

async function presentExperiments(
  database: Database,
  scope: TenantScope,
  rows: readonly ExperimentRow[],
): Promise<ExperimentView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const arms = await selectInTenant(database, scope, "experiment_arms")
    .where("experiment_id", "in", ids)
    .orderBy("position")
    .execute();
  const counts = await database
    .selectFrom("experiment_assignments")
    .select(["arm_id", (eb) => eb.fn.countAll<string>().as("assigned")])
    .where(inTenant(scope))
    .where("experiment_id", "in", ids)
    .groupBy("arm_id")
    .execute();
  const assigned = new Map(counts.map((count) => [count.arm_id, Number(count.assigned)]));
  const versions = await armVersions(database, scope, arms);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    plan_id: row.plan_id,
    salt: row.salt,
    assignment: row.assignment,
    segment_key: row.segment_key,
    audience: row.audience,
    starts_at: row.starts_at.toISOString(),
    ends_at: row.ends_at.toISOString(),
    status: row.status,
    decision: row.decision as ExperimentDecision | null,
    arms: arms
      .filter((arm) => arm.experiment_id === row.id)
      .map((arm) => ({
        id: arm.id,
        name: arm.name,
        role: arm.role,
        version: versions.get(arm.version_id)?.version ?? 0,
        version_id: arm.version_id,
        weight: arm.weight,
        customer_ids: arm.customer_ids,
        assigned: assigned.get(arm.id) ?? 0,
      })),
    created_by: row.created_by,
    reason: row.reason,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }));
}

/** The environment's experiments, newest first. */
export async function listExperiments(
  context: RequestContext,
  filters: { status?: ExperimentRow["status"] },
  page: { limit: number; afterId: string | undefined },
): Promise<ExperimentView[]> {
  let query = newestFirstPage(selectInTenant(context.database, context, "experiments"), page);
  if (filters.status !== undefined) query = query.where("status", "=", filters.status);
  return presentExperiments(context.database, context, await query.execute());
}
