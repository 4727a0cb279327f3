// Reading subscriptions and their timelines: scoped selects, the row lock
// every timeline write takes, the status filter in SQL, and the conversion of
// rows into the billing core's Subscription.
import type { ExpressionBuilder, Selectable } from "kysely";
import type { Instant, Subscription, SubscriptionChange } from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseSchema, DatabaseTransaction } from "../platform/database/schema.ts";
import { childRowsInTenant, findInTenant, inTenant } from "../platform/database/tenant-scope.ts";
import type { Pause, SubscriptionStatus } from "./subscription-timeline.ts";
import type {
  SubscriptionChangeTable,
  SubscriptionPauseTable,
  SubscriptionQuantityChangeTable,
  SubscriptionTable,
} from "./tables.ts";

export type SubscriptionRow = Selectable<SubscriptionTable>;
export type SubscriptionChangeRow = Selectable<SubscriptionChangeTable>;
export type SubscriptionPauseRow = Selectable<SubscriptionPauseTable>;
export type SubscriptionQuantityChangeRow = Selectable<SubscriptionQuantityChangeTable>;

/** A subscription with its whole timeline, as rows and as the engine reads it. */
export type LoadedSubscription = {
  row: SubscriptionRow;
  changes: SubscriptionChangeRow[];
  quantityChanges: SubscriptionQuantityChangeRow[];
  pauseRows: SubscriptionPauseRow[];
  timeline: Subscription;
  pauses: Pause[];
};

export function selectSubscriptions(database: Database, scope: TenantScope) {
  return database
    .selectFrom("subscriptions")
    .selectAll("subscriptions")
    .where(inTenant(scope, "subscriptions"));
}

/** The subscription with this id in the tenant, locked for the rest of the transaction with `lock`; else a 404. */
export function findSubscription(
  database: Database,
  scope: TenantScope,
  id: string,
  options: { lock?: boolean } = {},
): Promise<SubscriptionRow> {
  return findInTenant(database, scope, "subscriptions", id, "subscription", options);
}

/**
 * Runs `write` in a transaction of its own with the subscription locked
 * (lockedTimeline) and its timeline loaded: how every change to a
 * subscription's timeline starts.
 */
export function withLockedTimeline<Result>(
  context: RequestContext,
  subscriptionId: string,
  write: (
    transaction: DatabaseTransaction,
    subscription: { row: SubscriptionRow; loaded: LoadedSubscription },
  ) => Promise<Result>,
): Promise<Result> {
  return context.database
    .transaction()
    .execute(async (transaction) =>
      write(transaction, await lockedTimeline(transaction, context, subscriptionId)),
    );
}

/**
 * The subscription locked for the rest of `transaction`, with its timeline
 * loaded. Every write to a timeline takes this lock first, so two changes
 * cannot both pass the "not before the last change" check, and a bill run
 * reading the timeline in its own transaction (billableSubscriptionsOf) does
 * not race a change.
 */
export async function lockedTimeline(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  subscriptionId: string,
): Promise<{ row: SubscriptionRow; loaded: LoadedSubscription }> {
  const row = await findSubscription(transaction, scope, subscriptionId, { lock: true });
  return { row, loaded: await loadSubscription(transaction, scope, row) };
}

/** The changes and pauses of these subscriptions, and each as the engine's Subscription. */
export async function loadTimelines(
  database: Database,
  scope: TenantScope,
  rows: readonly SubscriptionRow[],
): Promise<LoadedSubscription[]> {
  if (rows.length === 0) return [];
  const ofThese = { parentColumn: "subscription_id", parentIds: rows.map((row) => row.id) } as const;
  const [changeRows, quantityChangeRows, pauseRows] = await Promise.all([
    childRowsInTenant(database, scope, "subscription_changes", { ...ofThese, orderColumn: "sequence" }),
    childRowsInTenant(database, scope, "subscription_quantity_changes", {
      ...ofThese,
      orderColumn: "sequence",
    }),
    childRowsInTenant(database, scope, "subscription_pauses", { ...ofThese, orderColumn: "paused_from" }),
  ]);
  const changesBySubscription = groupBy(changeRows, (change) => change.subscription_id);
  const quantityChangesBySubscription = groupBy(quantityChangeRows, (change) => change.subscription_id);
  const pausesBySubscription = groupBy(pauseRows, (pause) => pause.subscription_id);
  return rows.map((row) => {
    const changes = changesBySubscription.get(row.id) ?? [];
    const quantityChanges = quantityChangesBySubscription.get(row.id) ?? [];
    const pauses = pausesBySubscription.get(row.id) ?? [];
    return {
      row,
      changes,
      quantityChanges,
      pauseRows: pauses,
      timeline: engineSubscriptionOf(row, changes, quantityChanges),
      pauses: pauses.map(pauseOf),
    };
  });
}

export async function loadSubscription(
  database: Database,
  scope: TenantScope,
  row: SubscriptionRow,
): Promise<LoadedSubscription> {
  const [loaded] = await loadTimelines(database, scope, [row]);
  if (loaded === undefined) throw new Error(`Subscription ${row.id} did not load.`);
  return loaded;
}

/**
 * The engine's view of the timeline; plan codes are plan version ids. The
 * quantities of fixed charges (and their changes) and the window of usage
 * billed in advance are given only when they differ from the engine's
 * defaults, so that a subscription without them is the same timeline as before.
 */
export function engineSubscriptionOf(
  row: SubscriptionRow,
  changes: readonly SubscriptionChangeRow[],
  quantityChanges: readonly SubscriptionQuantityChangeRow[] = [],
): Subscription {
  const quantities = Object.entries(row.quantities ?? {});
  return {
    planCode: row.plan_version_id,
    start: row.started_at.getTime(),
    timeZone: row.timezone,
    alignment: row.billing_alignment,
    trialDays: row.trial_days,
    changes: changes.map(engineChangeOf),
    ...(quantities.length === 0 ? {} : { quantities: new Map(quantities) }),
    ...(quantityChanges.length === 0
      ? {}
      : {
          quantityChanges: quantityChanges.map((change) => ({
            at: change.at.getTime(),
            chargeId: change.charge_id,
            quantity: change.quantity,
          })),
        }),
    ...(row.instant_window_minutes === 60 ? {} : { instantWindowMinutes: row.instant_window_minutes }),
  };
}

function engineChangeOf(change: SubscriptionChangeRow): SubscriptionChange {
  if (change.kind === "change_plan") {
    if (change.plan_version_id === null) throw new Error(`Plan change ${change.id} names no plan version.`);
    return { type: "change_plan", at: change.at.getTime(), planCode: change.plan_version_id };
  }
  if (change.cancel_mode === null) throw new Error(`Cancellation ${change.id} has no mode.`);
  return { type: "cancel", at: change.at.getTime(), mode: change.cancel_mode };
}

function pauseOf(row: SubscriptionPauseRow): Pause {
  return { from: row.paused_from.getTime(), until: row.paused_until?.getTime() ?? null };
}

/** The subscription's latest change, or undefined: a new change may not take effect before it. */
export function lastChangeAt(loaded: LoadedSubscription): Instant | undefined {
  return loaded.timeline.changes.at(-1)?.at;
}

type SubscriptionExpressions = ExpressionBuilder<DatabaseSchema, "subscriptions">;

/** Whether the subscription is inside a pause at `at`, in SQL. */
function pausedAt(eb: SubscriptionExpressions, at: Date) {
  return eb.exists(
    eb
      .selectFrom("subscription_pauses")
      .select("subscription_pauses.id")
      .whereRef("subscription_pauses.subscription_id", "=", "subscriptions.id")
      .where("subscription_pauses.paused_from", "<=", at)
      .where((inner) =>
        inner.or([
          inner("subscription_pauses.paused_until", "is", null),
          inner("subscription_pauses.paused_until", ">", at),
        ]),
      ),
  );
}

/**
 * The SQL form of `statusAt` (subscription-timeline.ts), with the same order
 * of precedence: ended, scheduled, paused, canceling, trialing, active.
 */
export function whereStatus(status: SubscriptionStatus, at: Date) {
  return (eb: SubscriptionExpressions) => {
    const ended = eb("subscriptions.ends_at", "<=", at);
    const notEnded = eb.or([eb("subscriptions.ends_at", "is", null), eb("subscriptions.ends_at", ">", at)]);
    const started = eb("subscriptions.started_at", "<=", at);
    switch (status) {
      case "ended":
        return ended;
      case "scheduled":
        return eb.and([notEnded, eb("subscriptions.started_at", ">", at)]);
      case "paused":
        return eb.and([notEnded, started, pausedAt(eb, at)]);
      case "canceling":
        return eb.and([eb("subscriptions.ends_at", ">", at), started, eb.not(pausedAt(eb, at))]);
      case "trialing":
        return eb.and([
          eb("subscriptions.ends_at", "is", null),
          started,
          eb.not(pausedAt(eb, at)),
          eb("subscriptions.trial_ends_at", ">", at),
        ]);
      case "active":
        return eb.and([
          eb("subscriptions.ends_at", "is", null),
          eb.not(pausedAt(eb, at)),
          eb("subscriptions.trial_ends_at", "<=", at),
        ]);
    }
  };
}

/** Subscriptions whose plan at `at` is `planId`: the latest plan change at or before it, else the first plan. */
export function whereOnPlanAt(planId: string, at: Date) {
  return (eb: SubscriptionExpressions) =>
    eb(
      eb.fn.coalesce(
        eb
          .selectFrom("subscription_changes")
          .select("subscription_changes.plan_id")
          .whereRef("subscription_changes.subscription_id", "=", "subscriptions.id")
          .where("subscription_changes.kind", "=", "change_plan")
          .where("subscription_changes.at", "<=", at)
          .orderBy("subscription_changes.sequence", "desc")
          .limit(1),
        eb.ref("subscriptions.plan_id"),
      ),
      "=",
      planId,
    );
}

function groupBy<Item>(items: readonly Item[], keyOf: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
