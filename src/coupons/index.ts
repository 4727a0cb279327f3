// The front door of coupons: definitions, redemptions, and the coupons an
// invoice applies.
// Other domains import only from here; everything else in the folder is private to it.
export { createCoupon } from "./coupon-definitions.ts";
export { redeemCoupon } from "./coupon-redemptions.ts";
export { registerCouponRoutes } from "./coupon-routes.ts";
export type { CreateCouponInput } from "./coupon-schemas.ts";
export {
  type CouponRestriction,
  type CustomerCoupons,
  couponsForCustomers,
  recordCouponUse,
  recurringRedemptionIds,
} from "./coupons.ts";
