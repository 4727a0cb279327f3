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
  /**
   * Limits the coupon to some lines (billing rule 22): those of a plan in
   * `planCodes`, and usage lines of a meter in `meterCodes`. An empty list
   * does not restrict by that dimension; both empty, or absent, is a coupon
   * on the whole invoice. With `subscriptionIds` (a coupon redeemed for one
   * subscription, or a child account's coupon on its parent's consolidated
   * invoice, for the child's subscriptions billed there), only the lines of
   * those subscriptions, and among them those the lists pick.
   */
  readonly appliesTo?: {
    readonly planCodes: readonly string[];
    readonly meterCodes: readonly string[];
    readonly subscriptionIds?: readonly string[];
  };
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
  /**
   * The line amounts already include the tax (billing rule 23): the tax is
   * the part of the taxable amount that is tax, and adds nothing to the
   * total. Absent or false: the tax is added on top.
   */
  readonly inclusive?: boolean;
};
