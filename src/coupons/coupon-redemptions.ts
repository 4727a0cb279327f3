// Redemptions: a customer takes a coupon (by code or id), optionally for one
// subscription, and its invoices are discounted until the coupon's duration
// runs out or the redemption is removed. The coupon row is locked while a
// redemption is made, so max_redemptions holds however many arrive at once.
//
// A fixed coupon is an amount in one currency. It is refused for a
// subscription billed in another currency, or, when redeemed for the whole
// customer, for a customer whose billing currency is set and differs; in
// every case invoicing is told the coupon's currency (couponsFor's
// restrictions) and applies it only to invoices in that currency.
import type { Selectable } from "kysely";
import { recordAuditEvent, recordObjectChange } from "../audit/index.ts";
import { getCustomer } from "../customers/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { refusingDuplicates } from "../platform/database/unique-conflicts.ts";
import { conflict, type FieldError, notFound, validationFailed } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import { billableSubscriptionsOf } from "../subscriptions/index.ts";
import { type CouponRow, selectCoupons } from "./coupon-definitions.ts";
import type { CouponRedemption, RedeemCouponInput } from "./coupon-schemas.ts";
import type { CouponRedemptionTable } from "./tables.ts";

type RedemptionRow = Selectable<CouponRedemptionTable>;

export async function redeemCoupon(
  context: RequestContext,
  customerId: string,
  input: RedeemCouponInput,
): Promise<CouponRedemption> {
  const reference = couponReference(input);
  const customer = await getCustomer(context, customerId);
  if (customer.archived_at !== null) {
    throw conflict("customer_archived", `Customer ${customerId} is archived and redeems no coupons.`);
  }
  const subscriptionCurrency =
    input.subscription_id === undefined
      ? null
      : await subscriptionCurrencyOf(context, customerId, input.subscription_id);
  // What the coupon is measured against: the subscription's currency, or the customer's billing currency.
  const billedIn = subscriptionCurrency ?? customer.currency;
  const refuse = (code: string, detail: string, message: string) =>
    conflict(code, detail, [{ path: reference.path, message }]);
  return refusingDuplicates(
    () =>
      context.database.transaction().execute(async (transaction) => {
        const coupon = await lockCoupon(transaction, context, reference);
        const now = context.clock.now();
        if (coupon.archived_at !== null) {
          throw refuse("coupon_archived", `Coupon "${coupon.code}" is archived.`, "is archived");
        }
        if (coupon.redeem_by !== null && now > coupon.redeem_by) {
          throw refuse(
            "coupon_expired",
            `Coupon "${coupon.code}" could be redeemed until ${coupon.redeem_by.toISOString()}.`,
            "can no longer be redeemed",
          );
        }
        if (coupon.max_redemptions !== null && coupon.redemption_count >= coupon.max_redemptions) {
          throw refuse(
            "coupon_exhausted",
            `Coupon "${coupon.code}" has been redeemed ${coupon.redemption_count} times, its limit.`,
            "has no redemptions left",
          );
        }
        if (coupon.currency !== null && billedIn !== null && coupon.currency !== billedIn) {
          const billed =
            subscriptionCurrency === null
              ? `customer ${customerId}`
              : `subscription ${input.subscription_id}`;
          throw refuse(
            "coupon_currency_mismatch",
            `Coupon "${coupon.code}" takes ${coupon.currency} off, but ${billed} is billed in ${billedIn}.`,
            `is in ${coupon.currency}, the ${subscriptionCurrency === null ? "customer" : "subscription"} is billed in ${billedIn}`,
          );
        }
        const inForce = await transaction
          .selectFrom("coupon_redemptions")
          .select("id")
          .where(inTenant(context))
          .where("customer_id", "=", customerId)
          .where("coupon_id", "=", coupon.id)
          .where("removed_at", "is", null)
          .where((eb) =>
            input.subscription_id === undefined
              ? eb("subscription_id", "is", null)
              : eb("subscription_id", "=", input.subscription_id),
          )
          .executeTakeFirst();
        if (inForce) {
          throw refuse(
            "coupon_already_redeemed",
            `Customer ${customerId} already holds coupon "${coupon.code}" (redemption ${inForce.id}).`,
            "is already redeemed by this customer",
          );
        }
        const row = await insertTenantRow(
          transaction,
          context,
          "coupon_redemptions",
          "couponRedemption",
          now,
          {
            coupon_id: coupon.id,
            customer_id: customerId,
            subscription_id: input.subscription_id ?? null,
            invoice_count: 0,
            redeemed_at: now,
          },
        );
        await transaction
          .updateTable("coupons")
          .set({ redemption_count: coupon.redemption_count + 1, updated_at: now })
          .where(inTenant(context))
          .where("id", "=", coupon.id)
          .execute();
        const redemption = presentRedemption(row, coupon);
        await recordAuditEvent(transaction, withReason(context, input.reason), {
          action: "coupon.redeemed",
          objectType: "coupon_redemption",
          objectId: redemption.id,
          before: null,
          after: redemption,
        });
        return redemption;
      }),
    // Two redemptions of one coupon by one customer at once: the unique index stops the second.
    () =>
      refuse(
        "coupon_already_redeemed",
        `Customer ${customerId} already holds this coupon.`,
        "is already redeemed by this customer",
      ),
  );
}

export async function listRedemptions(
  context: RequestContext,
  customerId: string,
  filters: { include_removed?: boolean },
  page: PageRequest,
): Promise<CouponRedemption[]> {
  await getCustomer(context, customerId);
  let query = newestFirstPage(
    context.database
      .selectFrom("coupon_redemptions")
      .innerJoin("coupons", "coupons.id", "coupon_redemptions.coupon_id")
      .selectAll("coupon_redemptions")
      .select(["coupons.code", "coupons.duration", "coupons.duration_invoices"])
      .where(inTenant(context, "coupon_redemptions"))
      .where("coupon_redemptions.customer_id", "=", customerId),
    page,
    "coupon_redemptions.id",
  );
  if (!filters.include_removed) query = query.where("coupon_redemptions.removed_at", "is", null);
  return (await query.execute()).map((row) => presentRedemption(row, row));
}

/** Ends a redemption: later invoices are no longer discounted. It still counts towards max_redemptions. */
export async function removeRedemption(
  context: RequestContext,
  customerId: string,
  redemptionId: string,
): Promise<CouponRedemption> {
  return context.database.transaction().execute(async (transaction) => {
    const row = await selectInTenant(transaction, context, "coupon_redemptions")
      .where("customer_id", "=", customerId)
      .where("id", "=", redemptionId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound("coupon redemption", redemptionId);
    const coupon = await selectCoupons(transaction, context)
      .where("id", "=", row.coupon_id)
      .executeTakeFirstOrThrow();
    const before = presentRedemption(row, coupon);
    if (row.removed_at !== null) return before;
    const now = context.clock.now();
    const removed = await updateTenantRow(transaction, context, "coupon_redemptions", redemptionId, {
      removed_at: now,
      removal_reason: context.reason ?? null,
    });
    const after = presentRedemption(removed, coupon);
    await recordObjectChange(transaction, context, "coupon_redemption", "removed", before, after);
    return after;
  });
}

/** The currency of the customer's subscription, which must be the customer's. */
async function subscriptionCurrencyOf(
  context: RequestContext,
  customerId: string,
  subscriptionId: string,
): Promise<string> {
  const subscriptions = await billableSubscriptionsOf(context.database, context, customerId);
  const subscription = subscriptions.find((candidate) => candidate.id === subscriptionId);
  if (!subscription) {
    throw validationFailed([
      { path: "$.subscription_id", message: `no subscription "${subscriptionId}" of this customer` },
    ]);
  }
  return subscription.currency;
}

type CouponReference = { path: string } & ({ code: string } | { id: string });

function couponReference(input: RedeemCouponInput): CouponReference {
  const errors: FieldError[] = [];
  if (input.coupon_code !== undefined && input.coupon_id !== undefined) {
    errors.push({ path: "$.coupon_id", message: "give coupon_code or coupon_id, not both" });
  }
  if (input.coupon_code === undefined && input.coupon_id === undefined) {
    errors.push({ path: "$.coupon_code", message: "is required (or give coupon_id)" });
  }
  if (errors.length > 0) throw validationFailed(errors);
  return input.coupon_code !== undefined
    ? { path: "$.coupon_code", code: input.coupon_code }
    : { path: "$.coupon_id", id: input.coupon_id ?? "" };
}

async function lockCoupon(
  transaction: DatabaseTransaction,
  context: RequestContext,
  reference: CouponReference,
): Promise<CouponRow> {
  let query = selectCoupons(transaction, context);
  query =
    "code" in reference
      ? query.where((eb) => eb(eb.fn("lower", ["code"]), "=", reference.code.toLowerCase()))
      : query.where("id", "=", reference.id);
  const coupon = await query.forUpdate().executeTakeFirst();
  if (!coupon) {
    const named = "code" in reference ? `code "${reference.code}"` : `id "${reference.id}"`;
    throw validationFailed([{ path: reference.path, message: `no coupon with ${named}` }]);
  }
  return coupon;
}

function presentRedemption(
  row: RedemptionRow,
  coupon: Pick<CouponRow, "code" | "duration" | "duration_invoices">,
): CouponRedemption {
  const invoices = invoicesOf(coupon);
  const remaining = invoices === null ? null : Math.max(0, invoices - row.invoice_count);
  return {
    id: row.id,
    coupon_id: row.coupon_id,
    coupon_code: coupon.code,
    customer_id: row.customer_id,
    subscription_id: row.subscription_id,
    invoice_count: row.invoice_count,
    invoices_remaining: remaining,
    status: row.removed_at !== null ? "removed" : remaining === 0 ? "completed" : "active",
    redeemed_at: row.redeemed_at.toISOString(),
    removed_at: row.removed_at?.toISOString() ?? null,
    removal_reason: row.removal_reason,
  };
}

/** How many invoices a coupon discounts: null for forever. */
export function invoicesOf(coupon: Pick<CouponRow, "duration" | "duration_invoices">): number | null {
  if (coupon.duration === "forever") return null;
  if (coupon.duration === "once") return 1;
  return coupon.duration_invoices ?? 1;
}
