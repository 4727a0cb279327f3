// What invoicing uses of coupons: the redemptions in force for an invoice, as
// the engine's coupons (whose id is the REDEMPTION id, since one coupon
// redeemed by two customers counts invoices separately), with the counts the
// engine carries between invoices, and afterwards the counts and discounts
// the engine computed, stored.

import { recordAuditEvent } from "../audit/index.ts";
import type { Coupon as EngineCoupon } from "../core/index.ts";
import { Decimal } from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { notFound } from "../platform/errors.ts";
import { invoicesOf } from "./coupon-redemptions.ts";

/** What a redemption is limited to; empty lists do not restrict. */
export type CouponRestriction = {
  /** Plan ids (not version ids): invoicing maps them to the versions on the invoice. */
  planIds: string[];
  meterCodes: string[];
  /** Only that subscription's lines, when the redemption was made for one. */
  subscriptionId: string | null;
  /** A fixed coupon's currency: only invoices in it. Null for a percentage coupon. */
  currency: string | null;
};

/**
 * The customer's redemptions in force at `at` (redeemed by then, not removed
 * by then, invoices not used up), in redemption order, as engine coupons;
 * `counts` = invoices each has counted so far; `restrictions` = what each is
 * limited to.
 */
export type CustomerCoupons = {
  coupons: EngineCoupon[];
  counts: Map<string, number>;
  restrictions: Map<string, CouponRestriction>;
};

export async function couponsFor(
  database: Database,
  scope: TenantScope,
  customerId: string,
  at: Date,
): Promise<CustomerCoupons> {
  return (await couponsForCustomers(database, scope, [customerId], at)).get(customerId) ?? emptyCoupons();
}

function emptyCoupons(): CustomerCoupons {
  return { coupons: [], counts: new Map(), restrictions: new Map() };
}

/** couponsFor of many customers in one query, by customer id (a customer without coupons has no entry). */
export async function couponsForCustomers(
  database: Database,
  scope: TenantScope,
  customerIds: readonly string[],
  at: Date,
): Promise<Map<string, CustomerCoupons>> {
  const byCustomer = new Map<string, CustomerCoupons>();
  if (customerIds.length === 0) return byCustomer;
  const rows = await database
    .selectFrom("coupon_redemptions")
    .innerJoin("coupons", "coupons.id", "coupon_redemptions.coupon_id")
    .select([
      "coupon_redemptions.id",
      "coupon_redemptions.customer_id",
      "coupon_redemptions.subscription_id",
      "coupon_redemptions.invoice_count",
      "coupons.type",
      "coupons.percent",
      "coupons.amount",
      "coupons.currency",
      "coupons.duration",
      "coupons.duration_invoices",
      "coupons.applies_to_plan_ids",
      "coupons.applies_to_meter_codes",
    ])
    .where(inTenant(scope, "coupon_redemptions"))
    .where("coupon_redemptions.customer_id", "in", [...customerIds])
    .where("coupon_redemptions.redeemed_at", "<=", at)
    .where((eb) =>
      eb.or([eb("coupon_redemptions.removed_at", "is", null), eb("coupon_redemptions.removed_at", ">", at)]),
    )
    .orderBy("coupon_redemptions.redeemed_at")
    .orderBy("coupon_redemptions.id")
    .execute();
  for (const row of rows) {
    const invoices = invoicesOf(row);
    // A used-up redemption would take nothing; the engine need not count it any further.
    if (invoices !== null && row.invoice_count >= invoices) continue;
    let entry = byCustomer.get(row.customer_id);
    if (entry === undefined) {
      entry = emptyCoupons();
      byCustomer.set(row.customer_id, entry);
    }
    entry.coupons.push({
      id: row.id,
      discount:
        row.type === "percentage"
          ? { type: "percentage", percent: new Decimal(row.percent ?? "0") }
          : { type: "fixed", amount: new Decimal(row.amount ?? "0") },
      duration: invoices === null ? { type: "forever" } : { type: "repeating", invoices },
    });
    entry.counts.set(row.id, row.invoice_count);
    entry.restrictions.set(row.id, {
      planIds: row.applies_to_plan_ids,
      meterCodes: row.applies_to_meter_codes,
      subscriptionId: row.subscription_id,
      currency: row.currency,
    });
  }
  return byCustomer;
}

/**
 * After an invoice: the redemptions' invoice counts from the engine's
 * AccountState, and the discount each gave. Call it in the transaction that
 * stores the invoice; recording the same invoice again changes nothing.
 */
export async function recordCouponUse(
  database: Database,
  context: RequestContext,
  input: {
    invoiceId: string;
    counts: ReadonlyMap<string, number>;
    discounts: readonly { couponId: string; amount: Decimal }[];
  },
): Promise<void> {
  if (input.counts.size === 0 && input.discounts.length === 0) return;
  if (!database.isTransaction) throw new Error("recordCouponUse must run inside the invoice's transaction.");
  const transaction = database as DatabaseTransaction;
  const now = context.clock.now();
  for (const [redemptionId, count] of [...input.counts].sort(([left], [right]) =>
    left.localeCompare(right),
  )) {
    const updated = await transaction
      .updateTable("coupon_redemptions")
      .set({ invoice_count: count })
      .where(inTenant(context))
      .where("id", "=", redemptionId)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw notFound("coupon redemption", redemptionId);
  }
  if (input.discounts.length > 0) {
    await transaction
      .insertInto("coupon_discounts")
      .values(
        input.discounts.map((discount) => ({
          redemption_id: discount.couponId,
          invoice_id: input.invoiceId,
          organization_id: context.organizationId,
          environment_id: context.environmentId,
          amount: discount.amount.toFixed(),
          recorded_at: now,
        })),
      )
      .onConflict((conflicting) => conflicting.columns(["redemption_id", "invoice_id"]).doNothing())
      .execute();
  }
  await recordAuditEvent(transaction, context, {
    action: "coupons.applied",
    objectType: "invoice",
    objectId: input.invoiceId,
    before: null,
    after: {
      invoice_counts: Object.fromEntries(input.counts),
      discounts: input.discounts.map((discount) => ({
        redemption_id: discount.couponId,
        amount: discount.amount.toFixed(),
      })),
    },
  });
}

/**
 * The redemptions (by id) whose coupon discounts every invoice for as long as
 * it is redeemed (duration forever): finance counts their discounts in
 * recurring revenue, and a coupon for one or a few invoices as a one-off.
 */
export async function recurringRedemptionIds(
  database: Database,
  scope: TenantScope,
  redemptionIds: readonly string[],
): Promise<Set<string>> {
  if (redemptionIds.length === 0) return new Set();
  const rows = await database
    .selectFrom("coupon_redemptions")
    .innerJoin("coupons", "coupons.id", "coupon_redemptions.coupon_id")
    .select("coupon_redemptions.id")
    .where(inTenant(scope, "coupon_redemptions"))
    .where("coupon_redemptions.id", "in", [...new Set(redemptionIds)])
    .where("coupons.duration", "=", "forever")
    .execute();
  return new Set(rows.map((row) => row.id));
}
