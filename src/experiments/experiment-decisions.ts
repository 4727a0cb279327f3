// The decisions that end an experiment. Stop: every variant's customers go
// back to the control version. Promote a variant for its cohort: its
// customers keep it, the other variants' go back to the control. Promote it
// for everyone: the other variants' customers and every subscriber of the
// control version move to it at their next period. Going back takes the
// variant's migration back where nothing at its price is invoiced yet, and
// migrates the others back at their next period.
import { recordObjectChange } from "../audit/index.ts";
import type { PlanVersionRecord } from "../catalog/index.ts";
import { publishEvent } from "../notifications/index.ts";
import { migratePlanVersion, revertPlanMigration } from "../plan-migrations/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { planMigrationMoves } from "../subscriptions/index.ts";
import type { ExperimentDecision, ExperimentView, PromoteExperimentInput } from "./experiment-schemas.ts";
import {
  armRows,
  armVersions,
  type ExperimentArmRow,
  type ExperimentRow,
  experimentRow,
  loadExperiment,
} from "./experiment-store.ts";
import { experimentPromoted, experimentStopped } from "./experiment-webhook-events.ts";

export async function stopExperiment(context: RequestContext, id: string): Promise<ExperimentView> {
  return decide(context, id, async (transaction, experiment, arms, versions) => {
    const migrationIds: string[] = [];
    for (const arm of arms) {
      if (arm.role === "variant") {
        migrationIds.push(...(await returnToControl(transaction, context, experiment, arms, arm, versions)));
      }
    }
    return { action: "stop", arm_id: null, scope: null, migration_ids: migrationIds };
  });
}

export async function promoteExperiment(
  context: RequestContext,
  id: string,
  input: PromoteExperimentInput,
): Promise<ExperimentView> {
  return decide(context, id, async (transaction, experiment, arms, versions) => {
    const promoted = arms.find((arm) => arm.id === input.arm_id);
    if (promoted === undefined || promoted.role !== "variant") {
      throw validationFailed([{ path: "$.arm_id", message: "must be one of the experiment's variant arms" }]);
    }
    const migrationIds: string[] = [];
    for (const arm of arms) {
      if (arm.role !== "variant" || arm.id === promoted.id) continue;
      migrationIds.push(...(await returnToControl(transaction, context, experiment, arms, arm, versions)));
    }
    if (input.scope === "everyone") {
      const control = versionOf(versions, controlArm(arms));
      const target = versionOf(versions, promoted);
      const everyone = await planMigrationMoves(transaction, context, {
        from: control,
        to: target,
        timing: "next_period",
        at: undefined,
        subscriptionIds: undefined,
        now: context.clock.now(),
      });
      if (everyone.length > 0) {
        const migration = await migratePlanVersion(transaction, context, experiment.plan_id, {
          from_version: control.version,
          to_version: target.version,
          timing: "next_period",
          subscription_ids: everyone.map((move) => move.subscriptionId),
        });
        migrationIds.push(migration.id);
      }
    }
    return { action: "promote", arm_id: promoted.id, scope: input.scope, migration_ids: migrationIds };
  });
}

async function decide(
  context: RequestContext,
  id: string,
  decision: (
    transaction: DatabaseTransaction,
    experiment: ExperimentRow,
    arms: ExperimentArmRow[],
    versions: Map<string, PlanVersionRecord>,
  ) => Promise<ExperimentDecision>,
): Promise<ExperimentView> {
  await context.database.transaction().execute(async (transaction) => {
    const experiment = await experimentRow(transaction, context, id, true);
    if (experiment.status !== "running") {
      throw conflict("experiment_not_running", `Experiment ${id} is already ${experiment.status}.`);
    }
    const before = await loadExperiment(transaction, context, id);
    const arms = await armRows(transaction, context, id);
    const made = await decision(transaction, experiment, arms, await armVersions(transaction, context, arms));
    await transaction
      .updateTable("experiments")
      .set({
        status: made.action === "promote" ? "promoted" : "stopped",
        decision: JSON.stringify(made),
        updated_at: context.clock.now(),
      })
      .where("id", "=", id)
      .execute();
    const after = await loadExperiment(transaction, context, id);
    await recordObjectChange(transaction, context, "experiment", after.status, before, after);
    await publishEvent(
      transaction,
      context,
      made.action === "promote" ? experimentPromoted : experimentStopped,
      after,
    );
  });
  return loadExperiment(context.database, context, id);
}

/**
 * Sends a variant's customers back to the control version: its migrations
 * are taken back where nothing at its price is invoiced yet; the customers
 * billed at it already move back at the end of their current period.
 * Returns the ids of the migrations this made.
 */
async function returnToControl(
  transaction: DatabaseTransaction,
  context: RequestContext,
  experiment: ExperimentRow,
  arms: readonly ExperimentArmRow[],
  arm: ExperimentArmRow,
  versions: Map<string, PlanVersionRecord>,
): Promise<string[]> {
  const assignments = await transaction
    .selectFrom("experiment_assignments")
    .select(["subscription_id", "migration_id"])
    .where(inTenant(context))
    .where("experiment_id", "=", experiment.id)
    .where("arm_id", "=", arm.id)
    .orderBy("subscription_id")
    .execute();
  const reasoned = { ...context, reason: context.reason ?? `experiment ${experiment.id} decided` };
  const migrationIds: string[] = [];
  const refused: string[] = [];
  for (const migrationId of new Set(assignments.flatMap((row) => row.migration_id ?? []))) {
    const subscriptionIds = assignments
      .filter((row) => row.migration_id === migrationId)
      .map((row) => row.subscription_id);
    const reverted = await revertPlanMigration(transaction, reasoned, migrationId, subscriptionIds);
    migrationIds.push(reverted.migration.id);
    refused.push(...reverted.refused.map((result) => result.subscriptionId));
  }
  if (refused.length === 0) return migrationIds;
  const variant = versionOf(versions, arm);
  const control = versionOf(versions, controlArm(arms));
  const onVariant = new Set(
    (
      await planMigrationMoves(transaction, context, {
        from: variant,
        to: control,
        timing: "next_period",
        at: undefined,
        subscriptionIds: undefined,
        now: context.clock.now(),
      })
    ).map((move) => move.subscriptionId),
  );
  const movingBack = refused.filter((subscriptionId) => onVariant.has(subscriptionId));
  if (movingBack.length > 0) {
    const migration = await migratePlanVersion(transaction, reasoned, experiment.plan_id, {
      from_version: variant.version,
      to_version: control.version,
      timing: "next_period",
      subscription_ids: movingBack,
    });
    migrationIds.push(migration.id);
  }
  return migrationIds;
}

function controlArm(arms: readonly ExperimentArmRow[]): ExperimentArmRow {
  const control = arms.find((arm) => arm.role === "control");
  if (control === undefined) throw new Error("An experiment has no control arm.");
  return control;
}

function versionOf(versions: Map<string, PlanVersionRecord>, arm: ExperimentArmRow): PlanVersionRecord {
  const version = versions.get(arm.version_id);
  if (version === undefined) throw new Error(`Experiment arm ${arm.id} names a missing plan version.`);
  return version;
}
