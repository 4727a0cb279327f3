import { customerRecordsByIds } from "../customers/index.ts";
import { publishEvent } from "../notifications/index.ts";
import { migratePlanVersion } from "../plan-migrations/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { FairbillError } from "../platform/errors.ts";
import { type PlannedMove, planMigrationMoves, selectSubscriptions } from "../subscriptions/index.ts";
import { eachRunningAfterBillRun } from "./after-bill-runs.ts";
import { hashFractionEstimate } from "./cohort-buckets.ts";
import type { ExperimentAssignmentsView } from "./experiment-schemas.ts";
import {
  armRows,
  armVersions,
  type ExperimentArmRow,
  type ExperimentRow,
  experimentRow,
  loadExperiment,
} from "./experiment-store.ts";
import { experimentAssigned } from "./experiment-webhook-events.ts";

const noSegment = "all";

/** After every bill run: each running experiment assigns the customers now due (new sign-ups, mostly). */
export const assignExperimentsAfterBillRun = eachRunningAfterBillRun(
  "experiments",
  "experiments.assign_customers",
  (context, id) => assignExperiment(context.database, context, id),
);

/** Assigns the customers now due, part of `transaction`; returns how many it assigned. */
export async function assignExperiment(
  transaction: DatabaseTransaction,
  context: RequestContext,
  experimentId: string,
): Promise<number> {
  const experiment = await experimentRow(transaction, context, experimentId, true);
  const now = context.clock.now();
  if (experiment.status !== "running" || now < experiment.starts_at || now >= experiment.ends_at) return 0;
  const arms = await armRows(transaction, context, experimentId);
  const versions = await armVersions(transaction, context, arms);
  const control = arms.find((arm) => arm.role === "control") as ExperimentArmRow;
  const controlVersion = versions.get(control.version_id);
  if (controlVersion === undefined) return 0;
  const candidates = await planMigrationMoves(transaction, context, {
    from: controlVersion,
    to: controlVersion,
    timing: "next_period",
    at: undefined,
    subscriptionIds: undefined,
    now,
  });
  const eligible = await eligibleMoves(transaction, context, experiment, candidates);
  if (eligible.length === 0) return 0;
  const strata = await strataOf(transaction, context, experiment, eligible);
  const chosen = eligible.flatMap((move) => {
    const stratum = strata.get(move.customerId) ?? noSegment;
    const arm = armOf(experiment, arms, move.customerId, stratum);
    return arm === undefined ? [] : [{ move, arm, stratum }];
  });
  if (chosen.length === 0) return 0;
  const migrations = new Map<string, string>();
  for (const arm of arms) {
    const cohort = chosen.filter((choice) => choice.arm.id === arm.id);
    const version = versions.get(arm.version_id);
    if (arm.role === "control" || cohort.length === 0 || version === undefined) continue;
    for (const { move, migrationId } of await moveToVariant(
      transaction,
      { ...context, reason: `experiment ${experiment.id}, arm ${arm.name}` },
      experiment,
      { from: controlVersion.version, to: version.version },
      cohort.map((choice) => choice.move),
    )) {
      migrations.set(move.subscriptionId, migrationId);
    }
  }
  await transaction
    .insertInto("experiment_assignments")
    .values(
      chosen.map(({ move, arm, stratum }) => ({
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        experiment_id: experiment.id,
        customer_id: move.customerId,
        subscription_id: move.subscriptionId,
        arm_id: arm.id,
        stratum,
        migration_id: migrations.get(move.subscriptionId) ?? null,
        assigned_at: now,
      })),
    )
    .execute();
  await publishEvent(
    transaction,
    context,
    experimentAssigned,
    await loadExperiment(transaction, context, experiment.id),
  );
  return chosen.length;
}

/**
 * The subscriptions on the control version that the experiment may take: one
 * per customer, of the audience's start, not assigned by this or another
 * running experiment.
 */
async function eligibleMoves(
  database: Database,
  context: RequestContext,
  experiment: ExperimentRow,
  candidates: readonly PlannedMove[],
): Promise<PlannedMove[]> {
  if (candidates.length === 0) return [];
  const taken = await database
    .selectFrom("experiment_assignments")
    .innerJoin("experiments", "experiments.id", "experiment_assignments.experiment_id")
    .select("experiment_assignments.customer_id")
    .where(inTenant(context, "experiment_assignments"))
    .where((eb) =>
      eb.or([eb("experiments.id", "=", experiment.id), eb("experiments.status", "=", "running")]),
    )
    .execute();
  const takenCustomers = new Set(taken.map((row) => row.customer_id));
  const started = await selectSubscriptions(database, context)
    .where(
      "subscriptions.id",
      "in",
      candidates.map((move) => move.subscriptionId),
    )
    .execute();
  const startOf = new Map(started.map((row) => [row.id, row.started_at]));
  const seen = new Set<string>();
  return candidates.filter((move) => {
    const startedAt = startOf.get(move.subscriptionId);
    if (startedAt === undefined || takenCustomers.has(move.customerId) || seen.has(move.customerId))
      return false;
    const newSignup = startedAt >= experiment.starts_at;
    if (newSignup !== (experiment.audience === "new_signups")) return false;
    seen.add(move.customerId);
    return true;
  });
}

/** Each customer's stratum: its country, currency or metadata value under the segment key. */
async function strataOf(
  database: Database,
  context: RequestContext,
  experiment: ExperimentRow,
  moves: readonly PlannedMove[],
): Promise<Map<string, string>> {
  const key = experiment.segment_key;
  if (key === null) return new Map();
  const records = await customerRecordsByIds(
    database,
    context,
    moves.map((move) => move.customerId),
  );
  const metadataKey = key.startsWith("metadata.") ? key.slice("metadata.".length) : key;
  return new Map(
    records.map((record) => {
      const value =
        key === "country"
          ? record.country
          : key === "currency"
            ? record.currency
            : record.metadata[metadataKey];
      return [record.id, value ?? "none"];
    }),
  );
}

/** The customer's arm: the one whose list names it, or the one its hash falls in; undefined when none takes it. */
function armOf(
  experiment: Pick<ExperimentRow, "assignment" | "salt">,
  arms: readonly Pick<ExperimentArmRow, "id" | "weight" | "customer_ids">[],
  customerId: string,
  stratum: string,
): (typeof arms)[number] | undefined {
  if (experiment.assignment === "lists") return arms.find((arm) => arm.customer_ids.includes(customerId));
  const total = arms.reduce((sum, arm) => sum + Number(arm.weight), 0);
  const point = hashFractionEstimate(experiment.salt, customerId, stratum) * total;
  let reached = 0;
  for (const arm of arms) {
    reached += Number(arm.weight);
    if (point < reached) return arm;
  }
  return undefined;
}

/**
 * Moves a variant's cohort to its version: new sign-ups at once (one at a
 * time, so that a subscription already invoiced moves at its next period
 * instead), existing customers at the end of their current period.
 */
async function moveToVariant(
  transaction: DatabaseTransaction,
  context: RequestContext,
  experiment: ExperimentRow,
  versions: { from: number; to: number },
  moves: readonly PlannedMove[],
): Promise<{ move: PlannedMove; migrationId: string }[]> {
  const migrate = async (timing: "now" | "next_period", cohort: readonly PlannedMove[]) => {
    const migration = await migratePlanVersion(transaction, context, experiment.plan_id, {
      from_version: versions.from,
      to_version: versions.to,
      timing,
      subscription_ids: cohort.map((move) => move.subscriptionId),
    });
    return cohort.map((move) => ({ move, migrationId: migration.id }));
  };
  if (experiment.audience === "existing_next_period") return migrate("next_period", moves);
  const moved: { move: PlannedMove; migrationId: string }[] = [];
  for (const move of moves) {
    try {
      moved.push(...(await migrate("now", [move])));
    } catch (error) {
      // Refused before anything was written: the subscription's current period is invoiced already.
      if (!(error instanceof FairbillError) || error.status !== 409) throw error;
      moved.push(...(await migrate("next_period", [move])));
    }
  }
  return moved;
}

/** The experiment's assignments, by customer id. */
export async function loadAssignments(
  database: Database,
  context: RequestContext,
  experimentId: string,
  newlyAssigned = 0,
): Promise<ExperimentAssignmentsView> {
  const rows = await selectInTenant(database, context, "experiment_assignments")
    .where("experiment_id", "=", experimentId)
    .orderBy("customer_id")
    .execute();
  return {
    experiment_id: experimentId,
    newly_assigned: newlyAssigned,
    assignments: rows.map((row) => ({
      customer_id: row.customer_id,
      subscription_id: row.subscription_id,
      arm_id: row.arm_id,
      stratum: row.stratum,
      migration_id: row.migration_id,
      assigned_at: row.assigned_at.toISOString(),
    })),
  };
}
