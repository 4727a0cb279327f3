// The JSON shapes of coupons and their redemptions on the API.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import {
  CurrencyCode,
  DecimalString,
  Metadata,
  Name,
  NonEmptyId,
  NonNegativeDecimalString,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const couponTypes = ["percentage", "fixed"] as const;
const durations = ["once", "repeating", "forever"] as const;
const redemptionStatuses = ["active", "completed", "removed"] as const;

const CouponCode = Type.String({
  pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$",
  description: "what customers type: letters, digits, - and _; unique in the environment, case-insensitively",
  examples: ["SPRING25"],
});

const AppliesToSchema = StrictObject({
  plan_ids: Type.Optional(
    Type.Array(NonEmptyId, {
      maxItems: 50,
      description: "only lines of these plans (any of their versions)",
    }),
  ),
  meter_codes: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      maxItems: 50,
      description: "only usage lines of these meters",
    }),
  ),
});

export const CreateCouponBody = BodyWithReason({
  code: CouponCode,
  name: Name,
  type: StringEnum(couponTypes, {
    description: "percentage (give percent) or fixed (give amount and currency)",
  }),
  percent: Type.Optional({
    ...NonNegativeDecimalString,
    description: "percent off, more than 0 and at most 100",
  }),
  amount: Type.Optional({
    ...NonNegativeDecimalString,
    description: "money off each invoice, more than 0",
  }),
  currency: Type.Optional(CurrencyCode),
  duration: StringEnum(durations, {
    description: "once (the first invoice), repeating (duration_invoices invoices) or forever",
  }),
  duration_invoices: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1000, description: "for repeating: how many invoices" }),
  ),
  applies_to: Type.Optional(AppliesToSchema),
  max_redemptions: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 1_000_000_000,
      description: "how many times it can ever be redeemed",
    }),
  ),
  redeem_by: Type.Optional({ ...Timestamp, description: "the last instant it can be redeemed" }),
  metadata: Type.Optional(Metadata),
});
export type CreateCouponInput = Static<typeof CreateCouponBody>;

export const CouponSchema = Type.Object({
  id: PrefixedId("cpn"),
  code: Type.String(),
  name: Type.String(),
  type: StringEnum(couponTypes),
  percent: Nullable(DecimalString),
  amount: Nullable(DecimalString),
  currency: Nullable(Type.String()),
  duration: StringEnum(durations),
  duration_invoices: Nullable(Type.Integer()),
  applies_to: Type.Object({ plan_ids: Type.Array(Type.String()), meter_codes: Type.Array(Type.String()) }),
  max_redemptions: Nullable(Type.Integer()),
  redemption_count: Type.Integer({ description: "every redemption ever made, removed ones included" }),
  redeem_by: Nullable(Timestamp),
  archived_at: Nullable(Timestamp),
  metadata: Type.Record(Type.String(), Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Coupon = Static<typeof CouponSchema>;

export const CouponListQuery = StrictObject({
  code: Type.Optional(Type.String({ maxLength: 64 })),
  archived: Type.Optional(Type.Boolean({ description: "true lists archived coupons only; default false" })),
});
export type CouponListFilters = Static<typeof CouponListQuery>;

export const RedeemCouponBody = BodyWithReason(
  {
    coupon_code: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    coupon_id: Type.Optional(NonEmptyId),
    subscription_id: Type.Optional({
      ...NonEmptyId,
      description: "limit the coupon to this subscription's invoices",
    }),
  },
  { description: "give coupon_code or coupon_id" },
);
export type RedeemCouponInput = Static<typeof RedeemCouponBody>;

export const CouponRedemptionSchema = Type.Object({
  id: PrefixedId("rdm"),
  coupon_id: Type.String(),
  coupon_code: Type.String(),
  customer_id: Type.String(),
  subscription_id: Nullable(Type.String()),
  invoice_count: Type.Integer({ description: "invoices with a positive subtotal it has counted" }),
  invoices_remaining: Nullable(Type.Integer({ description: "null for a coupon that lasts forever" })),
  status: StringEnum(redemptionStatuses, {
    description: "active, completed (its invoices are used up) or removed",
  }),
  redeemed_at: Timestamp,
  removed_at: Nullable(Timestamp),
  removal_reason: Nullable(Type.String()),
});
export type CouponRedemption = Static<typeof CouponRedemptionSchema>;

export const RedemptionListQuery = StrictObject({
  include_removed: Type.Optional(
    Type.Boolean({ description: "also list removed redemptions; default false" }),
  ),
});
