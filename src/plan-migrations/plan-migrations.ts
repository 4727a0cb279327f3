// Plan version migrations: move the subscribers of one version of a plan to
// another version, now, at the end of each one's current period, or at a
// given instant. Each moved subscription gets a plan change on its timeline
// pointing back at the migration (the subscriptions domain makes the moves);
// a subscription left out keeps its version (grandfathered). A dry run
// changes nothing and previews, per subscription, the first invoice the
// change alters, before and after, and the difference (from invoicing).
import type { Insertable } from "kysely";
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import {
  findPlan,
  type PlanVersionRecord,
  planVersionByNumber,
  planVersionsByIds,
} from "../catalog/index.ts";
import { migrationRevenueImpact, type NextInvoiceChange } from "../core/index.ts";
import { withApproval } from "../governance/index.ts";
import { previewSubscriptionChange } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { notFound, validationFailed } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import {
  choosePlanVersion,
  migratedSubscriptionChanges,
  moveSubscriptionsToVersion,
  type PlanMigrationTerms,
  type PlannedMove,
  planMigrationMoves,
  revertMigratedChanges,
} from "../subscriptions/index.ts";
import type {
  CreatePlanMigrationInput,
  MigratedSubscription,
  PlanMigration,
  PlanMigrationSummary,
} from "./plan-migration-schemas.ts";
import type { PlanVersionMigrationTable } from "./tables.ts";

type MigrationRequest = { planId: string; input: CreatePlanMigrationInput; terms: PlanMigrationTerms };

export async function createPlanMigration(
  context: RequestContext,
  planId: string,
  input: CreatePlanMigrationInput,
): Promise<PlanMigration> {
  if (input.dry_run !== true) {
    // Where the approval policy says so, another person approves the migration first (a preview needs none).
    const change = {
      subject: { kind: "plan_migration" as const },
      summary: `Migrate the subscribers of plan ${planId} from version ${input.from_version} to version ${input.to_version}`,
      targetId: planId,
      request: input,
    };
    return withApproval(context, change, async (spendApproval) => {
      // The revenue impact is previewed before the move, outside the transaction, as the dry run does.
      const previewed = await previewMoves(context, planId, input);
      const moved = await context.database.transaction().execute(async (transaction) => {
        const migration = await migratePlanVersion(transaction, context, planId, input);
        await spendApproval(transaction, migration.id);
        return migration;
      });
      const previews = new Map(
        previewed.subscriptions.map((entry) => [entry.subscription_id, entry.preview]),
      );
      const subscriptions = moved.subscriptions.map((entry) => {
        const preview = previews.get(entry.subscription_id);
        return preview === undefined ? entry : { ...entry, preview };
      });
      return { ...moved, subscriptions, summary: summarize(subscriptions) };
    });
  }
  const previewed = await previewMoves(context, planId, input);
  return presentMigration(context, previewed.request, null, previewed.subscriptions);
}

/** Each subscription the migration would move, with its next invoice without and with the move. */
async function previewMoves(
  context: RequestContext,
  planId: string,
  input: CreatePlanMigrationInput,
): Promise<{ request: MigrationRequest; subscriptions: MigratedSubscription[] }> {
  // Outside any transaction: the preview reads through context.database.
  const request = await resolveRequest(context.database, context, planId, input);
  const moves = await planMigrationMoves(context.database, context, request.terms);
  const subscriptions: MigratedSubscription[] = [];
  for (const move of moves) {
    const preview = await previewSubscriptionChange(context, move.subscriptionId, {
      type: "change_plan",
      at: move.at.getTime(),
      planCode: request.terms.to.id,
    });
    subscriptions.push({ ...movedEntry(move, null), preview });
  }
  return { request, subscriptions };
}

/** The count affected and, from the previews the entries carry, the revenue impact per currency. */
function summarize(subscriptions: readonly MigratedSubscription[]): PlanMigrationSummary {
  const changes = subscriptions.flatMap(({ preview }): NextInvoiceChange[] => {
    const currency = preview?.after?.currency ?? preview?.before?.currency;
    if (preview === undefined || currency === undefined) return [];
    return [
      {
        currency,
        before: preview.before?.total ?? null,
        after: preview.after?.total ?? null,
        difference: preview.difference,
      },
    ];
  });
  return {
    affected_subscriptions: subscriptions.length,
    revenue_impact: migrationRevenueImpact(changes).map((impact) => ({
      currency: impact.currency,
      subscriptions: impact.subscriptions,
      before_total: impact.before,
      after_total: impact.after,
      difference: impact.difference,
    })),
  };
}

/**
 * Makes a migration (never a dry run) part of `transaction`: the moves, the
 * migration's record and its audit entry. Other domains run their migrations
 * through it (a staged rollout's stages).
 */
export async function migratePlanVersion(
  transaction: DatabaseTransaction,
  context: RequestContext,
  planId: string,
  input: CreatePlanMigrationInput,
): Promise<PlanMigration & { id: string }> {
  const request = await resolveRequest(transaction, context, planId, input);
  const now = request.terms.now;
  const migrationId = newId("planMigration", now);
  const moved = await moveSubscriptionsToVersion(transaction, context, request.terms, migrationId);
  await insertMigrationRecord(transaction, context, migrationId, now, {
    plan_id: request.planId,
    from_version_id: request.terms.from.id,
    to_version_id: request.terms.to.id,
    timing: input.timing,
    requested_at: input.at === undefined ? null : new Date(input.at),
    subscription_count: moved.length,
    reverts_migration_id: null,
  });
  const subscriptions = moved.map((move) => movedEntry(move, move.changeId));
  const migration = presentMigration(context, request, migrationId, subscriptions);
  await recordAuditEvent(transaction, context, {
    action: "plan_version_migration.created",
    objectType: "plan_version_migration",
    objectId: migrationId,
    before: null,
    after: migration,
  });
  return { ...migration, id: migrationId };
}

/** What a migration's record says of itself; who made it, why and when come from the request. */
type MigrationRecord = Omit<
  Insertable<PlanVersionMigrationTable>,
  "id" | "organization_id" | "environment_id" | "created_by" | "reason" | "created_at"
>;

/** Writes the record of a migration, or of the revert of one, made by the context's actor at `now`. */
async function insertMigrationRecord(
  transaction: DatabaseTransaction,
  context: RequestContext,
  id: string,
  now: Date,
  record: MigrationRecord,
): Promise<void> {
  await transaction
    .insertInto("plan_version_migrations")
    .values({
      id,
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      ...record,
      created_by: describeActor(context.actor).id,
      reason: context.reason ?? null,
      created_at: now,
    })
    .execute();
}

/**
 * Takes back a migration for the named subscriptions, part of `transaction`:
 * each loses the migration's plan change (allowed while it is the last change
 * and nothing from its instant on is invoiced), recorded as a migration of
 * timing `revert` back to the earlier version, and audited. Subscriptions that
 * cannot be reverted keep their change and are returned with why.
 */
export async function revertPlanMigration(
  transaction: DatabaseTransaction,
  context: RequestContext,
  migrationId: string,
  subscriptionIds: readonly string[],
): Promise<{
  migration: PlanMigration & { id: string };
  refused: { subscriptionId: string; obstacle: string }[];
}> {
  const original = await findInTenant(
    transaction,
    context,
    "plan_version_migrations",
    migrationId,
    "plan_version_migration",
  );
  const now = context.clock.now();
  const id = newId("planMigration", now);
  const versions = await planVersionsByIds(transaction, context, [
    original.from_version_id,
    original.to_version_id,
  ]);
  const earlier = versions.get(original.from_version_id);
  if (earlier === undefined) throw notFound("plan_version", original.from_version_id);
  const results = await revertMigratedChanges(
    transaction,
    context,
    { migrationId, version: earlier, revertMigrationId: id },
    subscriptionIds,
  );
  const reverted = results.flatMap((result) => (result.reverted ? [result] : []));
  await insertMigrationRecord(transaction, context, id, now, {
    plan_id: original.plan_id,
    from_version_id: original.to_version_id,
    to_version_id: original.from_version_id,
    timing: "revert",
    requested_at: null,
    subscription_count: reverted.length,
    reverts_migration_id: migrationId,
  });
  const view: PlanMigration & { id: string } = {
    id,
    plan_id: original.plan_id,
    from_version: versions.get(original.to_version_id)?.version ?? 0,
    to_version: versions.get(original.from_version_id)?.version ?? 0,
    from_version_id: original.to_version_id,
    to_version_id: original.from_version_id,
    timing: "revert",
    at: null,
    reverts_migration_id: migrationId,
    dry_run: false,
    subscriptions: reverted.map((result) => ({
      subscription_id: result.subscriptionId,
      customer_id: result.customerId,
      at: result.at.toISOString(),
      change_id: result.changeId,
    })),
    summary: { affected_subscriptions: reverted.length, revenue_impact: [] },
    created_by: describeActor(context.actor).id,
    reason: context.reason ?? null,
    created_at: now.toISOString(),
  };
  await recordAuditEvent(transaction, context, {
    action: "plan_version_migration.reverted",
    objectType: "plan_version_migration",
    objectId: id,
    before: null,
    after: view,
  });
  return {
    migration: view,
    refused: results.flatMap((result) =>
      result.reverted ? [] : [{ subscriptionId: result.subscriptionId, obstacle: result.obstacle }],
    ),
  };
}

async function resolveRequest(
  database: Database,
  context: RequestContext,
  planId: string,
  input: CreatePlanMigrationInput,
): Promise<MigrationRequest> {
  const now = context.clock.now();
  checkTimingFields(input, now);
  const plan = await findPlan(database, context, planId);
  if (input.from_version === input.to_version) {
    throw validationFailed([{ path: "$.to_version", message: "must differ from from_version" }]);
  }
  const from = await planVersionByNumber(database, context, plan.id, input.from_version);
  if (!from) {
    throw validationFailed([
      { path: "$.from_version", message: `plan ${plan.code} has no version ${input.from_version}` },
    ]);
  }
  const to = await choosePlanVersion(database, context, {
    planId: plan.id,
    version: input.to_version,
    at: now,
    paths: { plan: "$.to_version", version: "$.to_version" },
  });
  return { planId: plan.id, input, terms: termsOf(input, from, to, now) };
}

/** Past migrations of the plan, newest first, each with the subscriptions it moved. */
export async function listPlanMigrations(
  context: RequestContext,
  planId: string,
  page: PageRequest,
): Promise<(PlanMigration & { id: string })[]> {
  const plan = await findPlan(context.database, context, planId);
  const query = newestFirstPage(
    selectInTenant(context.database, context, "plan_version_migrations").where("plan_id", "=", plan.id),
    page,
  );
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const [moved, versions] = await Promise.all([
    migratedSubscriptionChanges(
      context.database,
      context,
      rows.map((row) => row.id),
    ),
    planVersionsByIds(
      context.database,
      context,
      rows.flatMap((row) => [row.from_version_id, row.to_version_id]),
    ),
  ]);
  return rows.map((row) => {
    const subscriptions = moved
      .filter((change) => change.migrationId === row.id)
      .map((change) => ({
        subscription_id: change.subscriptionId,
        customer_id: change.customerId,
        at: change.at.toISOString(),
        change_id: change.changeId,
      }));
    return {
      id: row.id,
      plan_id: row.plan_id,
      from_version: versions.get(row.from_version_id)?.version ?? 0,
      to_version: versions.get(row.to_version_id)?.version ?? 0,
      from_version_id: row.from_version_id,
      to_version_id: row.to_version_id,
      timing: row.timing,
      at: row.requested_at?.toISOString() ?? null,
      reverts_migration_id: row.reverts_migration_id,
      dry_run: false,
      subscriptions,
      summary: summarize(subscriptions),
      created_by: row.created_by,
      reason: row.reason,
      created_at: row.created_at.toISOString(),
    };
  });
}

function checkTimingFields(input: CreatePlanMigrationInput, now: Date): void {
  if (input.timing === "at") {
    if (input.at === undefined) {
      throw validationFailed([{ path: "$.at", message: "is required when timing is at" }]);
    }
    if (new Date(input.at) < now) {
      throw validationFailed([{ path: "$.at", message: "is in the past: use timing now to move them now" }]);
    }
  } else if (input.at !== undefined) {
    throw validationFailed([{ path: "$.at", message: `must be left out when timing is ${input.timing}` }]);
  }
}

function termsOf(
  input: CreatePlanMigrationInput,
  from: PlanVersionRecord,
  to: PlanVersionRecord,
  now: Date,
): PlanMigrationTerms {
  return { from, to, timing: input.timing, at: input.at, subscriptionIds: input.subscription_ids, now };
}

function movedEntry(move: PlannedMove, changeId: string | null): MigratedSubscription {
  return {
    subscription_id: move.subscriptionId,
    customer_id: move.customerId,
    at: move.at.toISOString(),
    change_id: changeId,
  };
}

function presentMigration(
  context: RequestContext,
  request: MigrationRequest,
  id: string | null,
  subscriptions: MigratedSubscription[],
): PlanMigration {
  return {
    id,
    plan_id: request.planId,
    from_version: request.terms.from.version,
    to_version: request.terms.to.version,
    from_version_id: request.terms.from.id,
    to_version_id: request.terms.to.id,
    timing: request.input.timing,
    at: request.input.at === undefined ? null : new Date(request.input.at).toISOString(),
    reverts_migration_id: null,
    dry_run: id === null,
    subscriptions,
    summary: summarize(subscriptions),
    created_by: describeActor(context.actor).id,
    reason: context.reason ?? null,
    created_at: request.terms.now.toISOString(),
  };
}
