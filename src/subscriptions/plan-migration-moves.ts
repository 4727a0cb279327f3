// Moving the subscribers of one plan version to another (the building blocks
// of a plan version migration, which the plan-migrations domain runs): which
// subscriptions move and when each one's change takes effect, checked the
// way a plan change is; and the changes themselves, appended to each moved
// subscription's timeline pointing back at the migration. A subscription left
// out keeps its version (grandfathered).

import type { PlanVersionRecord } from "../catalog/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { conflict, errorMessage, type FieldError, validationFailed } from "../platform/errors.ts";
import { currenciesOf, ensureBillableIn } from "./engine-catalog.ts";
import {
  type LoadedSubscription,
  lastChangeAt,
  loadTimelines,
  type SubscriptionRow,
  selectSubscriptions,
} from "./subscription-store.ts";
import { planVersionAt } from "./subscription-timeline.ts";
import type { MigrationTiming } from "./tables.ts";
import { appendChange, ensureChangeFits, nowOrStart, periodEndOf } from "./timeline-writes.ts";

/** What a migration asks: from which version to which, when, and (optionally) for which subscriptions. */
export type PlanMigrationTerms = {
  from: PlanVersionRecord;
  to: PlanVersionRecord;
  timing: MigrationTiming;
  /** With timing `at`: the instant asked for (ISO 8601). */
  at: string | undefined;
  /** The subscriptions named, in order; every one on `from` now when undefined. */
  subscriptionIds: readonly string[] | undefined;
  now: Date;
};

/** A subscription that moves, and when its change takes effect. */
export type PlannedMove = { subscriptionId: string; customerId: string; at: Date };

type Move = { subscription: LoadedSubscription; at: Date };

/** The moves a migration would make, recording nothing (a dry run). */
export async function planMigrationMoves(
  database: Database,
  context: RequestContext,
  terms: PlanMigrationTerms,
): Promise<PlannedMove[]> {
  return (await planMoves(database, context, terms, false)).map(plannedMove);
}

/**
 * Makes the moves, part of `transaction`: each moved subscription (locked)
 * gets a plan change to `terms.to` that names the migration.
 */
export async function moveSubscriptionsToVersion(
  transaction: DatabaseTransaction,
  context: RequestContext,
  terms: PlanMigrationTerms,
  migrationId: string,
): Promise<(PlannedMove & { changeId: string | null })[]> {
  const moves = await planMoves(transaction, context, terms, true);
  const moved: (PlannedMove & { changeId: string | null })[] = [];
  for (const move of moves) {
    const after = await appendChange(transaction, context, move.subscription, {
      kind: "change_plan",
      version: terms.to,
      at: move.at,
      timing: terms.timing,
      migrationId,
    });
    moved.push({ ...plannedMove(move), changeId: after.changes.at(-1)?.id ?? null });
  }
  return moved;
}

/** The plan changes that the given migrations recorded, by subscription. */
export async function migratedSubscriptionChanges(
  database: Database,
  scope: TenantScope,
  migrationIds: readonly string[],
): Promise<
  { changeId: string; migrationId: string; subscriptionId: string; customerId: string; at: Date }[]
> {
  if (migrationIds.length === 0) return [];
  const rows = await database
    .selectFrom("subscription_changes")
    .innerJoin("subscriptions", "subscriptions.id", "subscription_changes.subscription_id")
    .select([
      "subscription_changes.id",
      "subscription_changes.migration_id",
      "subscription_changes.subscription_id",
      "subscription_changes.at",
      "subscriptions.customer_id",
    ])
    .where(inTenant(scope, "subscription_changes"))
    .where("subscription_changes.migration_id", "in", migrationIds)
    .orderBy("subscription_changes.subscription_id")
    .execute();
  return rows.flatMap((row) =>
    row.migration_id === null
      ? []
      : [
          {
            changeId: row.id,
            migrationId: row.migration_id,
            subscriptionId: row.subscription_id,
            customerId: row.customer_id,
            at: row.at,
          },
        ],
  );
}

function plannedMove(move: Move): PlannedMove {
  return {
    subscriptionId: move.subscription.row.id,
    customerId: move.subscription.row.customer_id,
    at: move.at,
  };
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
  terms: PlanMigrationTerms,
  lock: boolean,
): Promise<Move[]> {
  const { from, to, now } = terms;
  const named = terms.subscriptionIds;
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
      terms.timing === "now"
        ? nowOrStart(subscription, now)
        : terms.timing === "next_period"
          ? await periodEndOf(database, context, subscription, now)
          : laterOf(new Date(terms.at as string), subscription.row.started_at);
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
  from: PlanVersionRecord,
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

/** A subscription whose migrated change was taken back, or why it could not be. */
export type RevertedMove =
  | { subscriptionId: string; customerId: string; at: Date; reverted: true; changeId: string | null }
  | { subscriptionId: string; customerId: string; at: Date; reverted: false; obstacle: string };

/**
 * Takes back the plan changes a migration recorded, part of `transaction`:
 * each named subscription (locked) gets a change back to `version` at the
 * same instant as the migration's change, so the migration's version never
 * applies. Allowed while the migration's change is the subscription's last
 * and nothing from its instant on is invoiced (the drafts since are
 * recomputed on `version`). A subscription that cannot be reverted is
 * reported with why, and keeps its change.
 */
export async function revertMigratedChanges(
  transaction: DatabaseTransaction,
  context: RequestContext,
  revert: { migrationId: string; version: PlanVersionRecord; revertMigrationId: string },
  subscriptionIds: readonly string[],
): Promise<RevertedMove[]> {
  if (subscriptionIds.length === 0) return [];
  const rows = await selectSubscriptions(transaction, context)
    .where("subscriptions.id", "in", subscriptionIds)
    .orderBy("subscriptions.id")
    .forUpdate()
    .execute();
  const results: RevertedMove[] = [];
  for (const loaded of await loadTimelines(transaction, context, rows)) {
    const change = loaded.changes.find((candidate) => candidate.migration_id === revert.migrationId);
    if (change === undefined) continue;
    const base = { subscriptionId: loaded.row.id, customerId: loaded.row.customer_id, at: change.at };
    if (loaded.changes.at(-1)?.id !== change.id) {
      results.push({ ...base, reverted: false, obstacle: "has a change recorded after the migration's" });
      continue;
    }
    try {
      ensureChangeFits(loaded, change.at, "$.subscription_ids");
    } catch (error) {
      results.push({
        ...base,
        reverted: false,
        obstacle: errorMessage(error),
      });
      continue;
    }
    const after = await appendChange(transaction, context, loaded, {
      kind: "change_plan",
      version: revert.version,
      at: change.at,
      timing: "revert",
      migrationId: revert.revertMigrationId,
    });
    results.push({ ...base, reverted: true, changeId: after.changes.at(-1)?.id ?? null });
  }
  return results;
}
