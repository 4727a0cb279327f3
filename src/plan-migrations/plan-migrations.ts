// Plan version migrations: move the subscribers of one version of a plan to
// another version, now, at the end of each one's current period, or at a
// given instant. Each moved subscription gets a plan change on its timeline
// pointing back at the migration (the subscriptions domain makes the moves);
// a subscription left out keeps its version (grandfathered). A dry run
// changes nothing and previews, per subscription, the first invoice the
// change alters, before and after, and the difference (from invoicing).
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import {
  findPlan,
  type PlanVersionRecord,
  planVersionByNumber,
  planVersionsByIds,
} from "../catalog/index.ts";
import { previewSubscriptionChange } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { validationFailed } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import {
  choosePlanVersion,
  migratedSubscriptionChanges,
  moveSubscriptionsToVersion,
  type PlanMigrationTerms,
  type PlannedMove,
  planMigrationMoves,
} from "../subscriptions/index.ts";
import type {
  CreatePlanMigrationInput,
  MigratedSubscription,
  PlanMigration,
} from "./plan-migration-schemas.ts";
import "./tables.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";

type MigrationRequest = { planId: string; input: CreatePlanMigrationInput; terms: PlanMigrationTerms };

export async function createPlanMigration(
  context: RequestContext,
  planId: string,
  input: CreatePlanMigrationInput,
): Promise<PlanMigration> {
  const now = context.clock.now();
  checkTimingFields(input, now);
  const plan = await findPlan(context.database, context, planId);
  if (input.from_version === input.to_version) {
    throw validationFailed([{ path: "$.to_version", message: "must differ from from_version" }]);
  }
  const from = await planVersionByNumber(context.database, context, plan.id, input.from_version);
  if (!from) {
    throw validationFailed([
      { path: "$.from_version", message: `plan ${plan.code} has no version ${input.from_version}` },
    ]);
  }
  const to = await choosePlanVersion(context.database, context, {
    planId: plan.id,
    version: input.to_version,
    at: now,
    paths: { plan: "$.to_version", version: "$.to_version" },
  });
  const request: MigrationRequest = { planId: plan.id, input, terms: termsOf(input, from, to, now) };

  if (input.dry_run === true) {
    // Outside any transaction: the preview reads through context.database.
    const moves = await planMigrationMoves(context.database, context, request.terms);
    const subscriptions: MigratedSubscription[] = [];
    for (const move of moves) {
      const preview = await previewSubscriptionChange(context, move.subscriptionId, {
        type: "change_plan",
        at: move.at.getTime(),
        planCode: to.id,
      });
      subscriptions.push({ ...movedEntry(move, null), preview });
    }
    return presentMigration(context, request, null, subscriptions);
  }

  return context.database.transaction().execute(async (transaction) => {
    const migrationId = newId("planMigration", now);
    const moved = await moveSubscriptionsToVersion(transaction, context, request.terms, migrationId);
    await transaction
      .insertInto("plan_version_migrations")
      .values({
        id: migrationId,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        plan_id: plan.id,
        from_version_id: from.id,
        to_version_id: to.id,
        timing: input.timing,
        requested_at: input.at === undefined ? null : new Date(input.at),
        subscription_count: moved.length,
        created_by: describeActor(context.actor).id,
        reason: context.reason ?? null,
        created_at: now,
      })
      .execute();
    const subscriptions = moved.map((move) => movedEntry(move, move.changeId));
    const migration = presentMigration(context, request, migrationId, subscriptions);
    await recordAuditEvent(transaction, context, {
      action: "plan_version_migration.created",
      objectType: "plan_version_migration",
      objectId: migrationId,
      before: null,
      after: migration,
    });
    return migration;
  });
}

/** Past migrations of the plan, newest first, each with the subscriptions it moved. */
export async function listPlanMigrations(
  context: RequestContext,
  planId: string,
  page: PageRequest,
): Promise<(PlanMigration & { id: string })[]> {
  const plan = await findPlan(context.database, context, planId);
  const query = newestFirstPage(
    context.database
      .selectFrom("plan_version_migrations")
      .selectAll()
      .where(inTenant(context))
      .where("plan_id", "=", plan.id),
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
  return rows.map((row) => ({
    id: row.id,
    plan_id: row.plan_id,
    from_version: versions.get(row.from_version_id)?.version ?? 0,
    to_version: versions.get(row.to_version_id)?.version ?? 0,
    from_version_id: row.from_version_id,
    to_version_id: row.to_version_id,
    timing: row.timing,
    at: row.requested_at?.toISOString() ?? null,
    dry_run: false,
    subscriptions: moved
      .filter((change) => change.migrationId === row.id)
      .map((change) => ({
        subscription_id: change.subscriptionId,
        customer_id: change.customerId,
        at: change.at.toISOString(),
        change_id: change.changeId,
      })),
    created_by: row.created_by,
    reason: row.reason,
    created_at: row.created_at.toISOString(),
  }));
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
    dry_run: id === null,
    subscriptions,
    created_by: describeActor(context.actor).id,
    reason: context.reason ?? null,
    created_at: request.terms.now.toISOString(),
  };
}
