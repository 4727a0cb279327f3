// Coupons as billing operations define them: create, read, list, archive. A
// coupon's terms never change once created (invoices already discounted by it
// must stay explainable); archiving stops new redemptions and leaves existing
// ones in force.
import type { Selectable } from "kysely";
import { recordCreation, recordObjectChange } from "../audit/index.ts";
import { findPlan } from "../catalog/index.ts";
import { currencyFor, Decimal, fitsMinorUnit, formatAmount } from "../core/index.ts";
import { type GuardedChange, withApproval } from "../governance/index.ts";
import { listMeters } from "../metering/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { codeTaken, refusingDuplicates } from "../platform/database/unique-conflicts.ts";
import { FairbillError, type FieldError, validationFailed } from "../platform/errors.ts";
import { withReason } from "../platform/http/reason.ts";
import { isCurrencyCode } from "../platform/reference-data.ts";
import type { Coupon, CouponListFilters, CreateCouponInput } from "./coupon-schemas.ts";
import type { CouponTable } from "./tables.ts";

export type CouponRow = Selectable<CouponTable>;

export async function createCoupon(context: RequestContext, input: CreateCouponInput): Promise<Coupon> {
  const now = context.clock.now();
  const errors = [...termErrors(input, now), ...(await restrictionErrors(context, input))];
  if (errors.length > 0) throw validationFailed(errors);
  const reasoned = withReason(context, input.reason);
  // Above the organization's limits, another person approves the coupon first.
  const change: GuardedChange = {
    subject:
      input.type === "percentage"
        ? { kind: "coupon", percent: input.percent ?? "0" }
        : { kind: "coupon", amount: input.amount ?? "0", currency: input.currency ?? "" },
    summary:
      input.type === "percentage"
        ? `Create coupon ${input.code}: ${input.percent}% off, ${input.duration}`
        : `Create coupon ${input.code}: ${input.amount} ${input.currency} off, ${input.duration}`,
    targetId: null,
    request: input,
  };
  return withApproval(reasoned, change, (spendApproval) =>
    refusingDuplicates(
      () =>
        context.database.transaction().execute(async (transaction) => {
          const row = await insertTenantRow(transaction, context, "coupons", "coupon", now, {
            code: input.code,
            name: input.name,
            type: input.type,
            percent: input.type === "percentage" ? (input.percent ?? null) : null,
            amount: input.type === "fixed" ? (input.amount ?? null) : null,
            currency: input.type === "fixed" ? (input.currency ?? null) : null,
            duration: input.duration,
            duration_invoices: input.duration === "repeating" ? (input.duration_invoices ?? null) : null,
            applies_to_plan_ids: JSON.stringify([...new Set(input.applies_to?.plan_ids ?? [])]),
            applies_to_meter_codes: JSON.stringify([...new Set(input.applies_to?.meter_codes ?? [])]),
            max_redemptions: input.max_redemptions ?? null,
            redemption_count: 0,
            redeem_by: input.redeem_by ?? null,
            metadata: JSON.stringify(input.metadata ?? {}),
            created_at: now,
            updated_at: now,
          });
          const coupon = await recordCreation(transaction, reasoned, "coupon", presentCoupon(row));
          await spendApproval(transaction, coupon.id);
          return coupon;
        }),
      () => codeTaken("coupon", input.code, " (codes ignore case)"),
    ),
  );
}

export async function getCoupon(context: RequestContext, couponId: string): Promise<Coupon> {
  const row = await findInTenant(context.database, context, "coupons", couponId, "coupon");
  return presentCoupon(row);
}

export async function listCoupons(
  context: RequestContext,
  filters: CouponListFilters,
  page: PageRequest,
): Promise<Coupon[]> {
  let query = newestFirstPage(selectCoupons(context.database, context), page);
  if (filters.code !== undefined) {
    const code = filters.code;
    query = query.where((eb) => eb(eb.fn("lower", ["code"]), "=", code.toLowerCase()));
  }
  query = query.where("archived_at", filters.archived ? "is not" : "is", null);
  return (await query.execute()).map(presentCoupon);
}

/** No new redemptions; the ones made keep discounting until they run out or are removed. */
export async function archiveCoupon(
  context: RequestContext,
  couponId: string,
  reason: string | undefined,
): Promise<Coupon> {
  return context.database.transaction().execute(async (transaction) => {
    const row = await findInTenant(transaction, context, "coupons", couponId, "coupon", { lock: true });
    const before = presentCoupon(row);
    if (row.archived_at !== null) return before;
    const now = context.clock.now();
    const archived = await updateTenantRow(transaction, context, "coupons", couponId, {
      archived_at: now,
      updated_at: now,
    });
    const after = presentCoupon(archived);
    await recordObjectChange(transaction, withReason(context, reason), "coupon", "archived", before, after);
    return after;
  });
}

export function selectCoupons(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "coupons");
}

function presentCoupon(row: CouponRow): Coupon {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    percent: row.percent === null ? null : new Decimal(row.percent).toFixed(),
    amount:
      row.amount === null || row.currency === null
        ? null
        : formatAmount(new Decimal(row.amount), currencyFor(row.currency)),
    currency: row.currency,
    duration: row.duration,
    duration_invoices: row.duration_invoices,
    applies_to: { plan_ids: row.applies_to_plan_ids, meter_codes: row.applies_to_meter_codes },
    max_redemptions: row.max_redemptions,
    redemption_count: row.redemption_count,
    redeem_by: row.redeem_by?.toISOString() ?? null,
    archived_at: row.archived_at?.toISOString() ?? null,
    metadata: row.metadata,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

// What the JSON schema cannot say: which fields go with which type and duration.
function termErrors(input: CreateCouponInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (input.type === "percentage") {
    if (input.percent === undefined)
      errors.push({ path: "$.percent", message: "is required for a percentage coupon" });
    else {
      const percent = new Decimal(input.percent);
      if (percent.isZero() || percent.greaterThan(100)) {
        errors.push({ path: "$.percent", message: "must be more than 0 and at most 100" });
      }
    }
    if (input.amount !== undefined) errors.push({ path: "$.amount", message: "is for fixed coupons only" });
    if (input.currency !== undefined)
      errors.push({ path: "$.currency", message: "is for fixed coupons only" });
  } else {
    if (input.percent !== undefined)
      errors.push({ path: "$.percent", message: "is for percentage coupons only" });
    if (input.currency === undefined)
      errors.push({ path: "$.currency", message: "is required for a fixed coupon" });
    else if (!isCurrencyCode(input.currency)) {
      errors.push({ path: "$.currency", message: `"${input.currency}" is not an ISO 4217 currency code` });
    }
    if (input.amount === undefined)
      errors.push({ path: "$.amount", message: "is required for a fixed coupon" });
    else {
      const amount = new Decimal(input.amount);
      if (amount.isZero()) errors.push({ path: "$.amount", message: "must be more than 0" });
      else if (input.currency !== undefined && isCurrencyCode(input.currency)) {
        const currency = currencyFor(input.currency);
        if (!fitsMinorUnit(amount, currency)) {
          errors.push({
            path: "$.amount",
            message: `has more decimal places than ${currency.code} has (${currency.minorDigits})`,
          });
        }
      }
    }
  }
  if (input.duration === "repeating" && input.duration_invoices === undefined) {
    errors.push({ path: "$.duration_invoices", message: "is required for a repeating coupon" });
  }
  if (input.duration !== "repeating" && input.duration_invoices !== undefined) {
    errors.push({ path: "$.duration_invoices", message: "is for repeating coupons only" });
  }
  if (input.redeem_by !== undefined && new Date(input.redeem_by) <= now) {
    errors.push({ path: "$.redeem_by", message: "is in the past: nobody could redeem the coupon" });
  }
  return errors;
}

/** Plans and meters a coupon is limited to must exist, or the coupon would silently discount nothing. */
async function restrictionErrors(context: RequestContext, input: CreateCouponInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [index, planId] of (input.applies_to?.plan_ids ?? []).entries()) {
    try {
      await findPlan(context.database, context, planId);
    } catch (error) {
      if (!(error instanceof FairbillError) || error.code !== "not_found") throw error;
      errors.push({ path: `$.applies_to.plan_ids[${index}]`, message: `no plan with id "${planId}"` });
    }
  }
  for (const [index, code] of (input.applies_to?.meter_codes ?? []).entries()) {
    const meters = await listMeters(context, { code }, { limit: 1, afterId: undefined });
    if (meters.length === 0) {
      errors.push({ path: `$.applies_to.meter_codes[${index}]`, message: `no meter with code "${code}"` });
    }
  }
  return errors;
}
