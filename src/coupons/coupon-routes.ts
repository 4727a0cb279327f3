// HTTP routes of coupons: their definitions (/v1/coupons) and the customers'
// redemptions (/v1/customers/{id}/coupons).
import { Type } from "typebox";
import { ReasonOnlyBody } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { ObjectId } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { archiveCoupon, createCoupon, getCoupon, listCoupons } from "./coupon-definitions.ts";
import { listRedemptions, redeemCoupon, removeRedemption } from "./coupon-redemptions.ts";
import {
  CouponListQuery,
  CouponRedemptionSchema,
  CouponSchema,
  CreateCouponBody,
  RedeemCouponBody,
  RedemptionListQuery,
} from "./coupon-schemas.ts";

export function registerCouponRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Coupons"], read: "billing:read", write: "billing:write" });

  routes.write(
    "POST /coupons",
    {
      operationId: "createCoupon",
      summary: "Create a coupon: a percentage or fixed discount for one, some or every invoice",
      body: CreateCouponBody,
      response: CouponSchema,
      status: 201,
    },
    ({ context, body }) => createCoupon(context, body),
  );

  routes.list(
    "GET /coupons",
    {
      operationId: "listCoupons",
      summary: "List coupons, newest first",
      filters: CouponListQuery,
      item: CouponSchema,
    },
    ({ context }, filters, page) => listCoupons(context, filters, page),
  );

  routes.readById(
    "GET /coupons/:id",
    {
      operationId: "getCoupon",
      summary: "Read a coupon",
      response: CouponSchema,
    },
    getCoupon,
  );

  routes.writeById(
    "POST /coupons/:id/archive",
    {
      operationId: "archiveCoupon",
      summary: "Archive a coupon: no new redemptions; existing ones keep discounting",
      body: ReasonOnlyBody,
      response: CouponSchema,
    },
    (context, id, body) => archiveCoupon(context, id, body.reason),
  );

  routes.writeById(
    "POST /customers/:id/coupons",
    {
      operationId: "redeemCoupon",
      summary: "Redeem a coupon for a customer, by code or id",
      body: RedeemCouponBody,
      response: CouponRedemptionSchema,
      status: 201,
    },
    redeemCoupon,
  );

  routes.listById(
    "GET /customers/:id/coupons",
    {
      operationId: "listCouponRedemptions",
      summary: "List a customer's coupon redemptions, newest first",
      filters: RedemptionListQuery,
      item: CouponRedemptionSchema,
    },
    listRedemptions,
  );

  routes.write(
    "DELETE /customers/:id/coupons/:redemption_id",
    {
      operationId: "removeCouponRedemption",
      summary:
        "Remove a coupon redemption: later invoices are no longer discounted (why: Fairbill-Reason header)",
      params: Type.Object({ id: ObjectId, redemption_id: ObjectId }),
      response: CouponRedemptionSchema,
    },
    ({ context, params }) => removeRedemption(context, params.id, params.redemption_id),
  );
}
