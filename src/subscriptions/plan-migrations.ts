// Plan version migrations: move the subscribers of one version of a plan to
// another version, now, at the end of each one's current period, or at a
// given instant. Each moved subscription gets a plan change on its timeline
// pointing back at the migration; a subscription left out keeps its version
// (grandfathered). A dry run changes nothing and previews, per subscription,
// the first invoice the change alters, before and after, and the difference.

import { describeActor, recordAuditEvent } from "../audit/audit-log.ts";
import { findPlan, selectPlanVersions } from "../catalog/plan-store.ts";
import { previewSubscriptionChange } from "../invoicing/invoice-previews.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { conflict, type FieldError, validationFailed } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { currenciesOf, ensureBillableIn, loadPlanVersions, type PlanVersionFacts } from "./engine-catalog.ts";
import { choosePlanVersion } from "./plan-choice.ts";
import type {
  CreatePlanMigrationInput,
  MigratedSubscription,
  PlanMigration,
} from "./subscription-schemas.ts";
import {
  type LoadedSubscription,
  lastChangeAt,
  loadTimelines,
  type SubscriptionRow,
  selectSubscriptions,
} from "./subscription-store.ts";
import { planVersionAt } from "./subscription-timeline.ts";
import { appendChange, ensureChangeFits, nowOrStart, periodEndOf } from "./timeline-writes.ts";

type Move = { subscription: LoadedSubscription; at: Date };

type MigrationRequest = {
  planId: string;
  from: PlanVersionFacts;
  to: PlanVersionFacts;
  input: CreatePlanMigrationInput;
  now: Date;
};

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
  const fromRow = await selectPlanVersions(context.database, context)
    .where("plan_id", "=", plan.id)
    .where("version", "=", input.from_version)
    .executeTakeFirst();
  if (!fromRow) {
    throw validationFailed([
      { path: "$.from_version", message: `plan ${plan.code} has no version ${input.from_version}` },
    ]);
  }
  const from = (await loadPlanVersions(context.database, context, [fromRow.id])).get(fromRow.id);
  if (from === undefined) throw new Error(`Plan version ${fromRow.id} vanished while being read.`);
  const to = await choosePlanVersion(context.database, context, {
    planId: plan.id,
    version: input.to_version,
    at: now,
    paths: { plan: "$.to_version", version: "$.to_version" },
  });
  const request: MigrationRequest = { planId: plan.id, from, to, input, now };

  if (input.dry_run === true) {
    // Outside any transaction: the preview reads through context.database.
    const moves = await planMoves(context.database, context, request, false);
    const subscriptions: MigratedSubscription[] = [];
    for (const move of moves) {
      const preview = await previewSubscriptionChange(context, move.subscription.row.id, {
        type: "change_plan",
        at: move.at.getTime(),
        planCode: to.id,
      });
      subscriptions.push({ ...movedEntry(move, null), preview });
    }
    return presentMigration(context, request, null, subscriptions);
  }

  return context.database.transaction().execute(async (transaction) => {
    const moves = await planMoves(transaction, context, request, true);
    const migrationId = newId("planMigration", now);
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
        subscription_count: moves.length,
        created_by: describeActor(context.actor).id,
        reason: context.reason ?? null,
        created_at: now,
      })
      .execute();
    const subscriptions: MigratedSubscription[] = [];
    for (const move of moves) {
      const after = await appendChange(transaction, context, move.subscription, {
        kind: "change_plan",
        version: to,
        at: move.at,
        timing: input.timing,
        migrationId,
      });
      subscriptions.push(movedEntry(move, after.changes.at(-1)?.id ?? null));
    }
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
  page: { limit: number; afterId: string | undefined },
): Promise<(PlanMigration & { id: string })[]> {
  const plan = await findPlan(context.database, context, planId);
  let query = context.database
    .selectFrom("plan_version_migrations")
    .selectAll()
    .where("organization_id", "=", context.organizationId)
    .where("environment_id", "=", context.environmentId)
    .where("plan_id", "=", plan.id)
    .orderBy("id", "desc")
    .limit(page.limit + 1);
  if (page.afterId !== undefined) query = query.where("id", "<", page.afterId);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const [moved, versions] = await Promise.all([
    context.database
      .selectFrom("subscription_changes")
      .innerJoin("subscriptions", "subscriptions.id", "subscription_changes.subscription_id")
      .select([
        "subscription_changes.id",
        "subscription_changes.migration_id",
        "subscription_changes.subscription_id",
        "subscription_changes.at",
        "subscriptions.customer_id",
      ])
      .where("subscription_changes.organization_id", "=", context.organizationId)
      .where("subscription_changes.environment_id", "=", context.environmentId)
      .where(
        "subscription_changes.migration_id",
        "in",
        rows.map((row) => row.id),
      )
      .orderBy("subscription_changes.subscription_id")
      .execute(),
    loadPlanVersions(
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
      .filter((change) => change.migration_id === row.id)
      .map((change) => ({
        subscription_id: change.subscription_id,
        customer_id: change.customer_id,
        at: change.at.toISOString(),
        change_id: change.id,
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

/**
 * Which subscriptions move, and when each one's change takes effect. The
 * subscriptions named must all be able to move (the request fails naming
 * the first that cannot); without names, every subscription on the version
 * now, with no change already recorded after now, moves.
 */
async function planMoves(
  database: Database,
  context: RequestContext,
  request: MigrationRequest,
  lock: boolean,
): Promise<Move[]> {
  const { from, to, input, now } = request;
  const named = input.subscription_ids;
  let query = selectSubscriptions(database, context).orderBy("subscriptions.id");
  if (named !== undefined) {
    query = query.where("subscriptions.id", "in", named);
  } else {
    query = query
      .where("subscriptions.ends_at", "is", null)
      .where((eb) =>
        eb.or([
          eb("subscriptions.plan_version_id", "=", from.id),
          eb.exists(
            eb
              .selectFrom("subscription_changes")
              .select("subscription_changes.id")
              .whereRef("subscription_changes.subscription_id", "=", "subscriptions.id")
              .where("subscription_changes.plan_version_id", "=", from.id),
          ),
        ]),
      );
  }
  const rows = await (lock ? query.forUpdate() : query).execute();
  const loaded = await loadTimelines(database, context, orderAsNamed(rows, named));

  const moves: Move[] = [];
  for (const [index, subscription] of loaded.entries()) {
    const path = named === undefined ? "$.timing" : `$.subscription_ids[${index}]`;
    const obstacle = whyNotOnVersion(subscription, from, now);
    if (obstacle !== undefined) {
      if (named === undefined) continue;
      throw conflict(
        "subscription_not_on_version",
        `Subscription ${subscription.row.id} cannot move from version ${from.version}: it ${obstacle}.`,
        [{ path, message: obstacle }],
      );
    }
    const at =
      input.timing === "now"
        ? nowOrStart(subscription, now)
        : input.timing === "next_period"
          ? await periodEndOf(database, context, subscription, now)
          : laterOf(new Date(input.at as string), subscription.row.started_at);
    ensureChangeFits(subscription, at, path);
    if (!currenciesOf(to.content).includes(subscription.row.currency)) {
      throw conflict(
        "plan_version_currency_unsupported",
        `Subscription ${subscription.row.id} bills in ${subscription.row.currency}, which version ` +
          `${to.version} of plan ${to.planCode} cannot price.`,
        [
          {
            path: named === undefined ? "$.to_version" : path,
            message: `cannot price ${subscription.row.currency}`,
          },
        ],
      );
    }
    moves.push({ subscription, at });
  }
  for (const currency of new Set(moves.map((move) => move.subscription.row.currency))) {
    await ensureBillableIn(database, context, to, currency, "$.to_version");
  }
  return moves;
}

/** The named subscriptions in the order named; an unknown or repeated id is bad input naming its index. */
function orderAsNamed(rows: SubscriptionRow[], named: readonly string[] | undefined): SubscriptionRow[] {
  if (named === undefined) return rows;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const errors: FieldError[] = [];
  const ordered: SubscriptionRow[] = [];
  named.forEach((id, index) => {
    const row = byId.get(id);
    if (named.indexOf(id) !== index) {
      errors.push({ path: `$.subscription_ids[${index}]`, message: "is listed twice" });
    } else if (row === undefined) {
      errors.push({ path: `$.subscription_ids[${index}]`, message: `no subscription with id "${id}"` });
    } else {
      ordered.push(row);
    }
  });
  if (errors.length > 0) throw validationFailed(errors);
  return ordered;
}

/** Why the subscription is not simply on `from` now, or undefined when it is. */
function whyNotOnVersion(
  subscription: LoadedSubscription,
  from: PlanVersionFacts,
  now: Date,
): string | undefined {
  const last = subscription.timeline.changes.at(-1);
  if (last?.type === "cancel") return "has a cancellation";
  if (planVersionAt(subscription.timeline, now.getTime()) !== from.id) {
    return `is not on version ${from.version} of plan ${from.planCode} now`;
  }
  const lastAt = lastChangeAt(subscription);
  if (lastAt !== undefined && lastAt > now.getTime()) {
    return `has a change recorded for ${new Date(lastAt).toISOString()}`;
  }
  return undefined;
}

function laterOf(left: Date, right: Date): Date {
  return left > right ? left : right;
}

function movedEntry(move: Move, changeId: string | null): MigratedSubscription {
  return {
    subscription_id: move.subscription.row.id,
    customer_id: move.subscription.row.customer_id,
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
    from_version: request.from.version,
    to_version: request.to.version,
    from_version_id: request.from.id,
    to_version_id: request.to.id,
    timing: request.input.timing,
    at: request.input.at === undefined ? null : new Date(request.input.at).toISOString(),
    dry_run: id === null,
    subscriptions,
    created_by: describeActor(context.actor).id,
    reason: context.reason ?? null,
    created_at: request.now.toISOString(),
  };
}
