// A subscription as the API shows it: its rows, its timeline, and what that
// timeline means at the time of the request (status, plan in force, current
// period), worked out with the billing core's own schedule.

import { type PlanVersionRecord, planVersionsByIds } from "../catalog/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { scheduleCatalogOf } from "./engine-catalog.ts";
import type { PlanVersionReference, SubscriptionView } from "./subscription-schemas.ts";
import type { LoadedSubscription } from "./subscription-store.ts";
import { periodAt, planVersionAt, planVersionIdsOf, statusAt } from "./subscription-timeline.ts";

/** The subscriptions as the API shows them at `now`, reading every plan version they name in one query. */
export async function presentSubscriptions(
  database: Database,
  scope: TenantScope,
  subscriptions: readonly LoadedSubscription[],
  now: Date,
): Promise<SubscriptionView[]> {
  const versions = await planVersionsByIds(
    database,
    scope,
    subscriptions.flatMap((subscription) => planVersionIdsOf(subscription.timeline)),
  );
  return subscriptions.map((subscription) => presentSubscription(subscription, versions, now));
}

function presentSubscription(
  subscription: LoadedSubscription,
  versions: ReadonlyMap<string, PlanVersionRecord>,
  now: Date,
): SubscriptionView {
  const { row, timeline } = subscription;
  const at = now.getTime();
  const catalog = scheduleCatalogOf(planVersionIdsOf(timeline).map((id) => versionOf(versions, id)));
  // Worked out with the same schedule when the cancellation was recorded; list filters read it too.
  const endsAt = row.ends_at?.getTime() ?? null;
  const status = statusAt(timeline, endsAt, subscription.pauses, at);
  const period = status === "ended" ? null : periodAt(timeline, catalog, at);
  return {
    id: row.id,
    customer_id: row.customer_id,
    external_id: row.external_id,
    status,
    plan_id: row.plan_id,
    plan_version_id: row.plan_version_id,
    current_plan: referenceTo(versionOf(versions, planVersionAt(timeline, at))),
    currency: row.currency,
    billing: row.billing_alignment,
    trial_days: row.trial_days,
    started_at: row.started_at.toISOString(),
    billing_starts_at: row.billing_starts_at?.toISOString() ?? null,
    trial_ends_at: row.trial_ends_at.toISOString(),
    timezone: row.timezone,
    current_period_start: period === null ? null : new Date(period.start).toISOString(),
    current_period_end: period === null ? null : new Date(period.end).toISOString(),
    ends_at: endsAt === null ? null : new Date(endsAt).toISOString(),
    next_billing_at: row.next_billing_at?.toISOString() ?? null,
    billed_through: row.billed_through?.toISOString() ?? null,
    progressive_billing_threshold: row.progressive_billing_threshold,
    pool_usage_with_children: row.pool_usage_with_children,
    metadata: row.metadata,
    changes: subscription.changes.map((change) => ({
      id: change.id,
      type: change.kind,
      at: change.at.toISOString(),
      plan: change.plan_version_id === null ? null : referenceTo(versionOf(versions, change.plan_version_id)),
      mode: change.cancel_mode,
      timing: change.timing,
      migration_id: change.migration_id,
      created_by: change.created_by,
      created_at: change.created_at.toISOString(),
    })),
    pauses: subscription.pauseRows.map((pause) => ({
      id: pause.id,
      from: pause.paused_from.toISOString(),
      until: pause.paused_until?.toISOString() ?? null,
      paused_by: pause.paused_by,
      resumed_by: pause.resumed_by,
      created_at: pause.created_at.toISOString(),
    })),
    quantities: row.quantities,
    quantity_changes: subscription.quantityChanges.map((change) => ({
      id: change.id,
      charge_id: change.charge_id,
      quantity: change.quantity,
      at: change.at.toISOString(),
      created_by: change.created_by,
      created_at: change.created_at.toISOString(),
    })),
    instant_window_minutes: row.instant_window_minutes,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

function referenceTo(version: PlanVersionRecord): PlanVersionReference {
  return {
    plan_id: version.planId,
    plan_code: version.planCode,
    plan_version_id: version.id,
    version: version.version,
  };
}

function versionOf(versions: ReadonlyMap<string, PlanVersionRecord>, id: string): PlanVersionRecord {
  const version = versions.get(id);
  // Foreign keys keep every named version; a miss is a bug, not bad input.
  if (version === undefined) throw new Error(`Plan version ${id} named by a subscription is missing.`);
  return version;
}
