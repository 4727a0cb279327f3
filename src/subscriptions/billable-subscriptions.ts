// What invoicing and the bill run read from subscriptions: each subscription
// of a customer as the billing core's timeline (plan codes are plan version
// ids), its pauses and where its billing stands; which customers are due; and
// the write that records how far a subscription has been billed.
//
// next_billing_at is kept by two parties: this domain moves it back to T
// whenever a change, cancellation, pause or resume is recorded at T (null
// counts as never), and invoicing stores the real next instant after billing
// with markSubscriptionBilled.

import { sql } from "kysely";
import type { Instant, Subscription } from "../core/index.ts";
import { Decimal } from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { type LoadedSubscription, loadTimelines, selectSubscriptions } from "./subscription-store.ts";

export type BillableSubscription = {
  id: string;
  customerId: string;
  /** ISO 4217 code the subscription bills in. */
  currency: string;
  /** The core's timeline; plan codes are plan version ids. */
  timeline: Subscription;
  /** Invoices falling due at from <= T < until are skipped. */
  pauses: { from: Instant; until: Instant | null }[];
  /** Latest issue instant already invoiced (or skipped). */
  billedThrough: Instant | null;
  /** Earliest instant the bill run must look at; null = nothing left, or it awaits the cut-over. */
  nextBillingAt: Instant | null;
  /** Amount; see invoicing. */
  progressiveBillingThreshold: Decimal | null;
  /** Its usage charges price the customer's usage summed with its child customers' (account hierarchies). */
  poolsUsageWithChildren: boolean;
};

/**
 * Every subscription of the customer, oldest first. Called with a
 * transaction, it locks the rows (FOR UPDATE) until the transaction ends:
 * timeline writes take the same lock, so a bill run that reads, bills and
 * calls markSubscriptionBilled in one transaction cannot miss a change
 * recorded meanwhile. Called outside a transaction (previews), it locks
 * nothing.
 */
export async function billableSubscriptionsOf(
  database: Database,
  scope: TenantScope,
  customerId: string,
): Promise<BillableSubscription[]> {
  const query = selectSubscriptions(database, scope)
    .where("subscriptions.customer_id", "=", customerId)
    .orderBy("subscriptions.id", "asc");
  const rows = await (database.isTransaction ? query.forUpdate() : query).execute();
  return (await loadTimelines(database, scope, rows)).map(billableOf);
}

/**
 * Every subscription of these customers, by customer then oldest first, in
 * a few queries and locking nothing: for reads over many customers at once
 * (a backtest), never for billing.
 */
export async function billableSubscriptionsOfCustomers(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
): Promise<BillableSubscription[]> {
  if (customerIds.length === 0) return [];
  const rows = await selectSubscriptions(database, scope)
    .where("subscriptions.customer_id", "in", [...new Set(customerIds)])
    .orderBy("subscriptions.customer_id", "asc")
    .orderBy("subscriptions.id", "asc")
    .execute();
  return (await loadTimelines(database, scope, rows)).map(billableOf);
}

function billableOf({ row, timeline, pauses }: LoadedSubscription): BillableSubscription {
  return {
    id: row.id,
    customerId: row.customer_id,
    currency: row.currency,
    timeline,
    pauses,
    billedThrough: row.billed_through?.getTime() ?? null,
    // An imported subscription waiting for the cut-over issues nothing; backtests still price its timeline.
    nextBillingAt: row.awaits_cut_over ? null : (row.next_billing_at?.getTime() ?? null),
    progressiveBillingThreshold:
      row.progressive_billing_threshold === null ? null : new Decimal(row.progressive_billing_threshold),
    poolsUsageWithChildren: row.pool_usage_with_children,
  };
}

/** Records that the subscription is invoiced (or skipped) through `billedThrough`, and where to look next. */
export async function markSubscriptionBilled(
  transaction: Database,
  scope: TenantScope,
  subscriptionId: string,
  billedThrough: Instant,
  nextBillingAt: Instant | null,
): Promise<void> {
  const result = await transaction
    .updateTable("subscriptions")
    .set({
      billed_through: new Date(billedThrough),
      next_billing_at: nextBillingAt === null ? null : new Date(nextBillingAt),
    })
    .where(inTenant(scope))
    .where("id", "=", subscriptionId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new Error(`No subscription ${subscriptionId} to mark billed.`);
}

/** markSubscriptionBilled for many subscriptions in one statement. */
export async function markSubscriptionsBilled(
  transaction: Database,
  scope: TenantScope,
  marks: readonly { subscriptionId: string; billedThrough: Instant; nextBillingAt: Instant | null }[],
): Promise<void> {
  for (let first = 0; first < marks.length; first += 5000) {
    const slice = marks.slice(first, first + 5000);
    const values = sql.join(
      slice.map(
        (mark) =>
          sql`(${mark.subscriptionId}, ${new Date(mark.billedThrough)}::timestamptz, ${
            mark.nextBillingAt === null ? null : new Date(mark.nextBillingAt)
          }::timestamptz)`,
      ),
    );
    const result = await sql`
      update subscriptions set billed_through = marks.billed_through, next_billing_at = marks.next_billing_at
      from (values ${values}) as marks (id, billed_through, next_billing_at)
      where subscriptions.id = marks.id
        and subscriptions.organization_id = ${scope.organizationId}
        and subscriptions.environment_id = ${scope.environmentId}`.execute(transaction);
    if (Number(result.numAffectedRows ?? 0n) !== slice.length)
      throw new Error(
        `Only ${result.numAffectedRows} of ${slice.length} subscriptions could be marked billed.`,
      );
  }
}

/** Customers with a subscription whose next_billing_at <= at, ordered by customer id, after `afterCustomerId`. */
export async function customersDueForBilling(
  database: Database,
  scope: TenantScope,
  at: Date,
  limit: number,
  afterCustomerId?: string,
): Promise<string[]> {
  const due = subscriptionCustomers(database, scope)
    .where("next_billing_at", "<=", at)
    .where("awaits_cut_over", "=", false);
  return customerIdsPage(due, limit, afterCustomerId);
}

/**
 * Customers with a subscription that bills progressively (a threshold set)
 * and has not ended by `at`, ordered by customer id, after `afterCustomerId`.
 */
export async function customersBilledProgressively(
  database: Database,
  scope: TenantScope,
  at: Date,
  limit: number,
  afterCustomerId?: string,
): Promise<string[]> {
  const progressive = subscriptionCustomers(database, scope)
    .where("progressive_billing_threshold", "is not", null)
    .where((where) => where.or([where("ends_at", "is", null), where("ends_at", ">", at)]));
  return customerIdsPage(progressive, limit, afterCustomerId);
}

function subscriptionCustomers(database: Database, scope: TenantScope) {
  return database.selectFrom("subscriptions").select("customer_id").distinct().where(inTenant(scope));
}

/** Up to `limit` of the customers `query` selects, by customer id, after `afterCustomerId`. */
async function customerIdsPage(
  query: ReturnType<typeof subscriptionCustomers>,
  limit: number,
  afterCustomerId: string | undefined,
): Promise<string[]> {
  const ordered = query.orderBy("customer_id").limit(limit);
  const page = afterCustomerId === undefined ? ordered : ordered.where("customer_id", ">", afterCustomerId);
  return (await page.execute()).map((row) => row.customer_id);
}

/** The customers with a subscription that has something left to bill (next_billing_at set), by id. */
export async function customersWithSubscriptionsToBill(
  database: Database,
  scope: TenantScope,
): Promise<string[]> {
  const rows = await database
    .selectFrom("subscriptions")
    .select("customer_id")
    .distinct()
    .where(inTenant(scope))
    .where("next_billing_at", "is not", null)
    .orderBy("customer_id")
    .execute();
  return rows.map((row) => row.customer_id);
}

/**
 * Makes these subscriptions bill from `from` and not before (a cut-over from
 * another billing system, which billed them until then): what was due before
 * counts as billed, and the bill run looks at them again from `from`; those
 * waiting for the cut-over stop waiting. A subscription billed further already
 * is left as it is. Returns how many moved.
 */
export async function billSubscriptionsFrom(
  database: Database,
  scope: TenantScope,
  subscriptionIds: readonly string[],
  from: Instant,
): Promise<number> {
  const billedBefore = new Date(from - 1);
  let moved = 0;
  for (let first = 0; first < subscriptionIds.length; first += 5000) {
    const result = await database
      .updateTable("subscriptions")
      .set({
        // One waiting for the cut-over may have been billed further by the old system already.
        billed_through: sql<Date>`greatest(coalesce(billed_through, ${billedBefore}::timestamptz), ${billedBefore}::timestamptz)`,
        next_billing_at: sql<Date | null>`case when next_billing_at is null then null else greatest(next_billing_at, ${new Date(from)}::timestamptz) end`,
        awaits_cut_over: false,
      })
      .where(inTenant(scope))
      .where("id", "in", subscriptionIds.slice(first, first + 5000))
      .where((where) =>
        where.or([
          where("awaits_cut_over", "=", true),
          where("billed_through", "is", null),
          where("billed_through", "<", billedBefore),
        ]),
      )
      .executeTakeFirst();
    moved += Number(result.numUpdatedRows);
  }
  return moved;
}
