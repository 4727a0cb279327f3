// Appending to a subscription's timeline: the checks every change passes
// (the engine's invariants, and never rewriting what was already billed), the
// insert, next_billing_at and ends_at kept up to date, and the audit entry,
// all in the caller's transaction on a subscription it has locked.
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import { type PlanVersionRecord, planVersionsByIds } from "../catalog/index.ts";
import { publishEvent, type WebhookEventDefinition } from "../notifications/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { scheduleCatalogOf } from "./engine-catalog.ts";
import type { SubscriptionSchema, SubscriptionView } from "./subscription-schemas.ts";
import {
  engineSubscriptionOf,
  type LoadedSubscription,
  lastChangeAt,
  loadSubscription,
  type SubscriptionRow,
} from "./subscription-store.ts";
import { endOf, periodEndAfter, planVersionIdsOf } from "./subscription-timeline.ts";
import { presentSubscriptions } from "./subscription-views.ts";
import { subscriptionCanceled, subscriptionUpdated } from "./subscription-webhook-events.ts";
import type { CancelMode } from "./tables.ts";

export type TimelineChange =
  | { kind: "change_plan"; version: PlanVersionRecord; at: Date; timing: string; migrationId?: string }
  | { kind: "cancel"; mode: CancelMode; at: Date; timing: string };

/** Refuses any change to a subscription that has a cancellation: the engine reads nothing after one. */
export function ensureNotCanceled(loaded: LoadedSubscription): void {
  const last = loaded.timeline.changes.at(-1);
  if (last?.type === "cancel") {
    throw conflict(
      "subscription_canceled",
      `Subscription ${loaded.row.id} has a cancellation at ${new Date(last.at).toISOString()}: ` +
        "nothing can change after it.",
    );
  }
}

/**
 * Refuses a change at `at` that would break the timeline's order (before the
 * start or before the last change) or change an invoice already issued.
 */
export function ensureChangeFits(loaded: LoadedSubscription, at: Date, path: string): void {
  const { row } = loaded;
  if (at < row.started_at) {
    throw validationFailed([
      { path, message: `is before the subscription starts, at ${row.started_at.toISOString()}` },
    ]);
  }
  const last = lastChangeAt(loaded);
  if (last !== undefined && at.getTime() < last) {
    const lastText = new Date(last).toISOString();
    throw conflict(
      "change_before_last_change",
      `Subscription ${row.id} already has a change at ${lastText}; a new one cannot take effect before it.`,
      [{ path, message: `must not be before ${lastText}` }],
    );
  }
  ensureNotBilled(row, at, path, true);
}

/**
 * Refuses an instant already invoiced: `billed_through` is the latest issue
 * instant billed, and a plan change exactly on it would change that invoice
 * too (billing rule 5), so `inclusive` refuses it as well.
 */
export function ensureNotBilled(row: SubscriptionRow, at: Date, path: string, inclusive: boolean): void {
  const billed = row.billed_through;
  if (billed === null) return;
  if (at < billed || (inclusive && at.getTime() === billed.getTime())) {
    throw conflict(
      "subscription_already_billed",
      `Subscription ${row.id} is invoiced through ${billed.toISOString()}; ` +
        "a change then would rewrite an issued invoice (correct it with a credit note instead).",
      [{ path, message: `must be after ${billed.toISOString()}` }],
    );
  }
}

/** The end of the current period as of `now` (the trial's end during a trial), the instant of `period_end`. */
export async function periodEndOf(
  transaction: Database,
  context: RequestContext,
  loaded: LoadedSubscription,
  now: Date,
): Promise<Date> {
  const versions = await planVersionsByIds(transaction, context, planVersionIdsOf(loaded.timeline));
  const end = periodEndAfter(loaded.timeline, scheduleCatalogOf(versions.values()), now.getTime());
  if (end === null) {
    throw conflict(
      "subscription_ended",
      `Subscription ${loaded.row.id} has ended: it has no current period.`,
    );
  }
  return new Date(end);
}

/** The later of now and the start: "now" for a subscription that has not started yet is its start. */
export function nowOrStart(loaded: LoadedSubscription, now: Date): Date {
  return now < loaded.row.started_at ? loaded.row.started_at : now;
}

/**
 * Moves next_billing_at to `at` when that is earlier (null counts as never):
 * invoicing must look at the timeline again from there.
 */
function nextBillingWith(row: SubscriptionRow, at: Date): Date {
  return row.next_billing_at === null || at < row.next_billing_at ? at : row.next_billing_at;
}

/**
 * How a timeline write ends: the subscription is billed again from `billing.from`
 * (billAgainFrom, with any other columns the write changes) and the write is
 * recorded (recordTimelineWrite); returns the subscription after it.
 */
export async function billAgainAndRecord(
  transaction: DatabaseTransaction,
  context: RequestContext,
  loaded: LoadedSubscription,
  billing: { from: Date; now: Date; columns?: { ends_at?: Date | null } },
  write: TimelineWrite,
): Promise<SubscriptionView> {
  const updated = await billAgainFrom(
    transaction,
    context,
    loaded.row,
    billing.from,
    billing.now,
    billing.columns,
  );
  return recordTimelineWrite(transaction, context, loaded, updated, write);
}

/**
 * Moves the locked subscription's next_billing_at back to `at` (see
 * nextBillingWith), with any other columns the write changes; returns the row after it.
 */
async function billAgainFrom(
  transaction: DatabaseTransaction,
  context: RequestContext,
  row: SubscriptionRow,
  at: Date,
  now: Date,
  columns: { ends_at?: Date | null } = {},
): Promise<SubscriptionRow> {
  return updateTenantRow(transaction, context, "subscriptions", row.id, {
    ...columns,
    next_billing_at: nextBillingWith(row, at),
    updated_at: now,
  });
}

/** What a timeline write is called in the audit log and in webhook events. */
export type TimelineWrite = {
  action: string;
  event: WebhookEventDefinition<typeof SubscriptionSchema>;
};

const planChanged: TimelineWrite = { action: "subscription.plan_changed", event: subscriptionUpdated };
const canceled: TimelineWrite = { action: "subscription.canceled", event: subscriptionCanceled };

/** Appends the change to the locked subscription, audits and publishes it; returns the subscription after it. */
export async function appendChange(
  transaction: DatabaseTransaction,
  context: RequestContext,
  loaded: LoadedSubscription,
  change: TimelineChange,
): Promise<SubscriptionView> {
  const now = context.clock.now();
  const { row } = loaded;
  const changeRow = await insertTenantRow(
    transaction,
    context,
    "subscription_changes",
    "subscriptionChange",
    now,
    {
      subscription_id: row.id,
      sequence: loaded.changes.length + 1,
      kind: change.kind,
      plan_id: change.kind === "change_plan" ? change.version.planId : null,
      plan_version_id: change.kind === "change_plan" ? change.version.id : null,
      cancel_mode: change.kind === "cancel" ? change.mode : null,
      at: change.at,
      timing: change.timing,
      migration_id: change.kind === "change_plan" ? (change.migrationId ?? null) : null,
      created_by: describeActor(context.actor).id,
      created_at: now,
    },
  );
  let endsAt: Date | null = null;
  if (change.kind === "cancel") {
    const timeline = engineSubscriptionOf(row, [...loaded.changes, changeRow]);
    const versions = await planVersionsByIds(transaction, context, planVersionIdsOf(timeline));
    const end = endOf(timeline, scheduleCatalogOf(versions.values()));
    endsAt = end === null ? null : new Date(end);
  }
  return billAgainAndRecord(
    transaction,
    context,
    loaded,
    { from: change.at, now, columns: { ends_at: endsAt } },
    change.kind === "cancel" ? canceled : planChanged,
  );
}

/**
 * Writes the audit entry of a timeline write, with the subscription before
 * and after it, and the webhook event that reports it, in the write's
 * transaction; returns the subscription after it.
 */
async function recordTimelineWrite(
  transaction: DatabaseTransaction,
  context: RequestContext,
  before: LoadedSubscription,
  updatedRow: SubscriptionRow,
  write: TimelineWrite,
): Promise<SubscriptionView> {
  const after = await loadSubscription(transaction, context, updatedRow);
  const [beforeView, afterView] = await presentSubscriptions(
    transaction,
    context,
    [before, after],
    context.clock.now(),
  );
  if (beforeView === undefined || afterView === undefined) {
    throw new Error(`Subscription ${updatedRow.id} was not presented.`);
  }
  await recordAuditEvent(transaction, context, {
    action: write.action,
    objectType: "subscription",
    objectId: updatedRow.id,
    before: beforeView,
    after: afterView,
  });
  await publishEvent(transaction, context, write.event, afterView);
  return afterView;
}
