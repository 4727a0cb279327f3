// Row types of the coupons tables, for the typed query builder.
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    coupons: CouponTable;
    coupon_redemptions: CouponRedemptionTable;
    coupon_discounts: CouponDiscountTable;
  }
}

export type CouponType = "percentage" | "fixed";
export type CouponDuration = "once" | "repeating" | "forever";

export type CouponTable = TenantRowColumns & {
  code: string;
  name: string;
  type: CouponType;
  /** numeric, read as a string. */
  percent: string | null;
  amount: string | null;
  currency: string | null;
  duration: CouponDuration;
  duration_invoices: number | null;
  applies_to_plan_ids: Json<string[]>;
  applies_to_meter_codes: Json<string[]>;
  max_redemptions: number | null;
  redemption_count: number;
  redeem_by: Timestamp | null;
  archived_at: Timestamp | null;
  metadata: Json<Record<string, string>>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type CouponRedemptionTable = TenantRowColumns & {
  coupon_id: string;
  customer_id: string;
  subscription_id: string | null;
  invoice_count: number;
  redeemed_at: Timestamp;
  removed_at: Timestamp | null;
  removal_reason: string | null;
};

export type CouponDiscountTable = {
  redemption_id: string;
  invoice_id: string;
  organization_id: string;
  environment_id: string;
  amount: string;
  recorded_at: Timestamp;
};
