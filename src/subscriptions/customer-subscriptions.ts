// What other domains ask about a customer's subscriptions: who a
// subscription belongs to (price overrides check it), and which plan version
// each subscription in force is on (entitlements come from them). Kept apart
// from the catalog-reading modules so the catalog can import it without a
// cycle.
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { loadTimelines, selectSubscriptions } from "./subscription-store.ts";
import { planVersionAt, statusAt } from "./subscription-timeline.ts";

/** The id of the customer the subscription belongs to, or undefined when the tenant has no such subscription. */
export async function subscriptionCustomerOf(
  database: Database,
  scope: TenantScope,
  subscriptionId: string,
): Promise<string | undefined> {
  const row = await selectSubscriptions(database, scope)
    .where("subscriptions.id", "=", subscriptionId)
    .executeTakeFirst();
  return row?.customer_id;
}

/**
 * The plan version (id) of each of the customer's subscriptions that is in
 * force at `at`, newest subscription first. In force means trialing, active or
 * canceling: a subscription not started yet, paused or ended gives nothing.
 */
export async function planVersionsInForce(
  database: Database,
  scope: TenantScope,
  customerId: string,
  at: Date,
): Promise<{ subscriptionId: string; planVersionId: string }[]> {
  const rows = await selectSubscriptions(database, scope)
    .where("subscriptions.customer_id", "=", customerId)
    .where("subscriptions.started_at", "<=", at)
    .where((eb) => eb.or([eb("subscriptions.ends_at", "is", null), eb("subscriptions.ends_at", ">", at)]))
    .orderBy("subscriptions.id", "desc")
    .execute();
  const instant = at.getTime();
  const inForce: { subscriptionId: string; planVersionId: string }[] = [];
  for (const { row, timeline, pauses } of await loadTimelines(database, scope, rows)) {
    const status = statusAt(timeline, row.ends_at?.getTime() ?? null, pauses, instant);
    if (status === "trialing" || status === "active" || status === "canceling") {
      inForce.push({ subscriptionId: row.id, planVersionId: planVersionAt(timeline, instant) });
    }
  }
  return inForce;
}
