// What an account brings to its invoices besides the plan: coupons, prepaid
// credit grants and a tax rate.
import type { Decimal } from "../decimal.ts";
import type { Instant } from "../instant.ts";

export type Coupon = {
  readonly id: string;
  readonly discount:
    | { readonly type: "percentage"; readonly percent: Decimal }
    | { readonly type: "fixed"; readonly amount: Decimal };
  /**
   * `forever`, or the first `invoices` invoices with a positive subtotal (a
   * `once` coupon is `repeating` for one invoice).
   */
  readonly duration: { readonly type: "forever" } | { readonly type: "repeating"; readonly invoices: number };
};

export type CreditGrant = {
  readonly id: string;
  /** In the currency's minor unit. */
  readonly amount: Decimal;
  /** Usable on invoices issued at `effectiveAt ≤ issue time < expiresAt`. */
  readonly effectiveAt: Instant;
  /** Absent: never expires. */
  readonly expiresAt?: Instant;
  /** Lower is used first. */
  readonly priority: number;
};

export type TaxRate = {
  /** Percent of the amount after discounts and credits, `"20"` for 20 %. */
  readonly percent: Decimal;
};
