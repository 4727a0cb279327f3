// Staged rollouts: a published plan version rolled out to the subscribers of
// an earlier version in stages. A stage takes the subscribers still on the
// earlier version whose hash (customer id with the rollout's salt) falls
// below its percentage, migrates them at the end of their current period
// (a plan version migration), and holds each one's first draft from then on
// until the rollout's guardrails have looked at the cohort's drafts
// (rollout-guardrails.ts). A stage starts now, at a date, or once the
// previous stage's cohort has billed a period cleanly.
import type { Selectable } from "kysely";
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import { findPlan, planVersionByNumber, planVersionsByIds } from "../catalog/index.ts";
import { withApproval } from "../governance/index.ts";
import { placeCustomerHolds } from "../invoicing/index.ts";
import { publishEvent, type WebhookEventDefinition } from "../notifications/index.ts";
import { migratePlanVersion } from "../plan-migrations/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { newTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { validationFailed } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { planMigrationMoves } from "../subscriptions/index.ts";
import { hashFractionEstimate, newSalt } from "./cohort-buckets.ts";
import { rolloutCompleted, rolloutCreated, rolloutStageStarted } from "./experiment-webhook-events.ts";
import type { CreateRolloutInput, RolloutSchema, RolloutView } from "./rollout-schemas.ts";
import type { RolloutStageTable, RolloutTable, StoredGuardrails } from "./tables.ts";

export type RolloutRow = Selectable<RolloutTable>;
export type RolloutStageRow = Selectable<RolloutStageTable>;

export async function createRollout(
  context: RequestContext,
  input: CreateRolloutInput,
): Promise<RolloutView> {
  checkStages(input);
  // Where the approval policy says so, another person approves the rollout first.
  const change = {
    subject: { kind: "rollout" as const },
    summary: `Roll plan ${input.plan_id} out from version ${input.from_version} to version ${input.to_version} in ${input.stages.length} stages`,
    targetId: input.plan_id,
    request: input,
  };
  return withApproval(context, change, (spendApproval) =>
    context.database.transaction().execute(async (transaction) => {
      const now = context.clock.now();
      const plan = await findPlan(transaction, context, input.plan_id);
      const from = await planVersionByNumber(transaction, context, plan.id, input.from_version);
      const to = await planVersionByNumber(transaction, context, plan.id, input.to_version);
      if (from === undefined) {
        throw validationFailed([
          { path: "$.from_version", message: `plan ${plan.code} has no version ${input.from_version}` },
        ]);
      }
      if (to === undefined || input.to_version === input.from_version) {
        throw validationFailed([{ path: "$.to_version", message: "must be another version of the plan" }]);
      }
      const id = newId("rollout", now);
      const guardrails: StoredGuardrails = {
        customer_change_percent: input.guardrails?.customer_change_percent ?? null,
        zero_or_negative: input.guardrails?.zero_or_negative ?? true,
        moved_share: input.guardrails?.moved_share ?? null,
        payment_problems_over_control_points: input.guardrails?.payment_problems_over_control_points ?? null,
      };
      await transaction
        .insertInto("rollouts")
        .values({
          id,
          organization_id: context.organizationId,
          environment_id: context.environmentId,
          plan_id: plan.id,
          from_version_id: from.id,
          to_version_id: to.id,
          salt: input.salt ?? newSalt(),
          guardrails: JSON.stringify(guardrails),
          history_invoices: input.history_invoices ?? 3,
          notify_email: input.notify_email ?? null,
          status: "running",
          breaches: JSON.stringify([]),
          created_by: describeActor(context.actor).id,
          reason: context.reason ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await transaction
        .insertInto("rollout_stages")
        .values(
          input.stages.map((stage, index) => ({
            ...newTenantRow(context, "rolloutStage", now),
            rollout_id: id,
            position: index + 1,
            percent: stage.percent,
            start: stage.start,
            starts_at: stage.at === undefined ? null : new Date(stage.at),
            status: "pending" as const,
            migration_id: null,
            rollback_migration_id: null,
            subscription_ids: [],
            customer_ids: [],
            started_at: null,
            evaluated_at: null,
            breaches: JSON.stringify([]),
          })),
        )
        .execute();
      await announceRolloutChange(transaction, context, id, rolloutCreated, null);
      await spendApproval(transaction, id);
      await startDueStages(transaction, context, id);
      return loadRollout(transaction, context, id);
    }),
  );
}

function checkStages(input: CreateRolloutInput): void {
  const errors: { path: string; message: string }[] = [];
  let previous = 0;
  input.stages.forEach((stage, index) => {
    const path = `$.stages[${index}]`;
    const percent = Number(stage.percent);
    if (percent > 100) errors.push({ path: `${path}.percent`, message: "must be at most 100" });
    if (percent <= previous)
      errors.push({ path: `${path}.percent`, message: "must be above the previous stage's" });
    previous = percent;
    if (index === 0 && stage.start === "after_previous_clean") {
      errors.push({ path: `${path}.start`, message: "the first stage has no previous stage: use now or at" });
    }
    if (index > 0 && stage.start === "now") {
      errors.push({ path: `${path}.start`, message: "only the first stage starts now" });
    }
    if ((stage.start === "at") !== (stage.at !== undefined)) {
      errors.push({ path: `${path}.at`, message: "is required with start at, and only then" });
    }
  });
  if (errors.length > 0) throw validationFailed(errors);
}

/**
 * Starts the stages that are due, part of `transaction`: the next pending
 * stage starts when every earlier stage is clean and it starts now, after the
 * previous one came out clean, or at a date that has come. Called when a
 * rollout is created and whenever a bill run has finished.
 */
export async function startDueStages(
  transaction: DatabaseTransaction,
  context: RequestContext,
  rolloutId: string,
): Promise<void> {
  const now = context.clock.now();
  for (;;) {
    const rollout = await rolloutRow(transaction, context, rolloutId, true);
    if (rollout.status !== "running") return;
    const stages = await stageRows(transaction, context, rolloutId);
    const next = stages.find((stage) => stage.status === "pending");
    if (next === undefined) {
      if (stages.every((stage) => stage.status === "clean" || stage.status === "skipped")) {
        await finishRollout(transaction, context, rollout);
      }
      return;
    }
    if (stages.some((stage) => stage.position < next.position && stage.status === "watching")) return;
    if (next.start === "at" && next.starts_at !== null && next.starts_at > now) return;
    await startStage(transaction, context, rollout, next);
  }
}

async function startStage(
  transaction: DatabaseTransaction,
  context: RequestContext,
  rollout: RolloutRow,
  stage: RolloutStageRow,
): Promise<void> {
  const now = context.clock.now();
  const versions = await rolloutVersions(transaction, context, rollout);
  const candidates = await planMigrationMoves(transaction, context, {
    from: versions.from,
    to: versions.to,
    timing: "next_period",
    at: undefined,
    subscriptionIds: undefined,
    now,
  });
  const cutoff = Number(stage.percent) / 100;
  const cohort = candidates.filter((move) => hashFractionEstimate(rollout.salt, move.customerId) < cutoff);
  let migrationId: string | null = null;
  if (cohort.length > 0) {
    const migration = await migratePlanVersion(
      transaction,
      { ...context, reason: `rollout ${rollout.id}, stage ${stage.position}` },
      rollout.plan_id,
      {
        from_version: versions.from.version,
        to_version: versions.to.version,
        timing: "next_period",
        subscription_ids: cohort.map((move) => move.subscriptionId),
      },
    );
    migrationId = migration.id;
    for (const move of cohort) {
      await placeCustomerHolds(transaction, context, {
        customerIds: [move.customerId],
        issuedFrom: move.at,
        source: "rollout",
        sourceId: stage.id,
        reason: `rollout ${rollout.id}, stage ${stage.position}: the first draft on version ${versions.to.version} waits for the guardrails`,
      });
    }
  }
  await transaction
    .updateTable("rollout_stages")
    .set({
      status: cohort.length > 0 ? "watching" : "skipped",
      migration_id: migrationId,
      subscription_ids: cohort.map((move) => move.subscriptionId),
      customer_ids: cohort.map((move) => move.customerId),
      started_at: now,
    })
    .where("id", "=", stage.id)
    .execute();
  await announceRolloutChange(transaction, context, rollout.id, rolloutStageStarted, null);
}

async function finishRollout(
  transaction: DatabaseTransaction,
  context: RequestContext,
  rollout: RolloutRow,
): Promise<void> {
  const before = await loadRollout(transaction, context, rollout.id);
  await transaction
    .updateTable("rollouts")
    .set({ status: "completed", updated_at: context.clock.now() })
    .where("id", "=", rollout.id)
    .execute();
  await announceRolloutChange(transaction, context, rollout.id, rolloutCompleted, before);
}

/**
 * After a change of the rollout, in its transaction: the audit entry (from
 * `before` to the rollout as it now is) and the webhook event, both named by
 * `event`. Returns the rollout as it now is.
 */
export async function announceRolloutChange(
  transaction: DatabaseTransaction,
  context: RequestContext,
  rolloutId: string,
  event: WebhookEventDefinition<typeof RolloutSchema>,
  before: RolloutView | null,
): Promise<RolloutView> {
  const after = await loadRollout(transaction, context, rolloutId);
  await recordAuditEvent(transaction, context, {
    action: event.type,
    objectType: "rollout",
    objectId: rolloutId,
    before,
    after,
  });
  await publishEvent(transaction, context, event, after);
  return after;
}

/** The rollout's two plan versions, as the catalog records them. */
export async function rolloutVersions(database: Database, scope: TenantScope, rollout: RolloutRow) {
  const versions = await planVersionsByIds(database, scope, [rollout.from_version_id, rollout.to_version_id]);
  const from = versions.get(rollout.from_version_id);
  const to = versions.get(rollout.to_version_id);
  if (from === undefined || to === undefined)
    throw new Error(`Rollout ${rollout.id} names a missing plan version.`);
  return { from, to };
}

export async function rolloutRow(
  database: Database,
  scope: TenantScope,
  id: string,
  lock = false,
): Promise<RolloutRow> {
  return findInTenant(database, scope, "rollouts", id, "rollout", { lock });
}

export async function stageRows(
  database: Database,
  scope: TenantScope,
  rolloutId: string,
): Promise<RolloutStageRow[]> {
  return selectInTenant(database, scope, "rollout_stages")
    .where("rollout_id", "=", rolloutId)
    .orderBy("position")
    .execute();
}

export async function loadRollout(database: Database, scope: TenantScope, id: string): Promise<RolloutView> {
  const rollout = await rolloutRow(database, scope, id);
  return presentRollout(rollout, await stageRows(database, scope, id));
}

function presentRollout(rollout: RolloutRow, stages: readonly RolloutStageRow[]): RolloutView {
  return {
    id: rollout.id,
    plan_id: rollout.plan_id,
    from_version_id: rollout.from_version_id,
    to_version_id: rollout.to_version_id,
    guardrails: rollout.guardrails,
    history_invoices: rollout.history_invoices,
    notify_email: rollout.notify_email,
    status: rollout.status,
    breaches: rollout.breaches,
    stages: stages.map((stage) => ({
      id: stage.id,
      position: stage.position,
      percent: stage.percent,
      start: stage.start,
      starts_at: stage.starts_at?.toISOString() ?? null,
      status: stage.status,
      migration_id: stage.migration_id,
      rollback_migration_id: stage.rollback_migration_id,
      customer_ids: stage.customer_ids,
      started_at: stage.started_at?.toISOString() ?? null,
      evaluated_at: stage.evaluated_at?.toISOString() ?? null,
      breaches: stage.breaches,
    })),
    created_by: rollout.created_by,
    reason: rollout.reason,
    created_at: rollout.created_at.toISOString(),
    updated_at: rollout.updated_at.toISOString(),
  };
}

/** The environment's rollouts, newest first. */
export async function listRollouts(context: RequestContext, page: PageRequest): Promise<RolloutView[]> {
  const query = selectInTenant(context.database, context, "rollouts");
  const rows = await newestFirstPage(query, page).execute();
  const views: RolloutView[] = [];
  for (const row of rows) views.push(presentRollout(row, await stageRows(context.database, context, row.id)));
  return views;
}
