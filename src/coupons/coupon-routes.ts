// HTTP routes of coupons: their definitions (/v1/coupons) and the customers'
// redemptions (/v1/customers/{id}/coupons).
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { archiveCoupon, createCoupon, getCoupon, listCoupons } from "./coupon-definitions.ts";
import { listRedemptions, redeemCoupon, removeRedemption } from "./coupon-redemptions.ts";
import {
  ArchiveCouponBody,
  CouponListQuery,
  CouponRedemptionSchema,
  CouponSchema,
  CreateCouponBody,
  RedeemCouponBody,
  RedemptionListQuery,
} from "./coupon-schemas.ts";

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerCouponRoutes(app: FairbillApp): void {
  const tags = ["Coupons"];
  const read = { permission: "billing:read" as const };
  const write = { permission: "billing:write" as const };

  app.post(
    "/coupons",
    {
      config: write,
      schema: {
        tags,
        summary: "Create a coupon: a percentage or fixed discount for one, some or every invoice",
        body: CreateCouponBody,
        response: { 201: CouponSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createCoupon(request.context, request.body)),
  );

  app.get(
    "/coupons",
    {
      config: read,
      schema: {
        tags,
        summary: "List coupons, newest first",
        querystring: Type.Object(
          { ...CouponListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(CouponSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const coupons = await listCoupons(request.context, filters, { limit, afterId: decodeCursor(cursor) });
      return toPage(coupons, limit, (coupon) => coupon);
    },
  );

  app.get(
    "/coupons/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read a coupon",
        params: IdParams,
        response: { 200: CouponSchema, ...standardErrorResponses },
      },
    },
    async (request) => getCoupon(request.context, request.params.id),
  );

  app.post(
    "/coupons/:id/archive",
    {
      config: write,
      schema: {
        tags,
        summary: "Archive a coupon: no new redemptions; existing ones keep discounting",
        params: IdParams,
        body: ArchiveCouponBody,
        response: { 200: CouponSchema, ...standardErrorResponses },
      },
    },
    async (request) => archiveCoupon(request.context, request.params.id, request.body.reason),
  );

  app.post(
    "/customers/:id/coupons",
    {
      config: write,
      schema: {
        tags,
        summary: "Redeem a coupon for a customer, by code or id",
        params: IdParams,
        body: RedeemCouponBody,
        response: { 201: CouponRedemptionSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await redeemCoupon(request.context, request.params.id, request.body)),
  );

  app.get(
    "/customers/:id/coupons",
    {
      config: read,
      schema: {
        tags,
        summary: "List a customer's coupon redemptions, newest first",
        params: IdParams,
        querystring: Type.Object(
          { ...RedemptionListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(CouponRedemptionSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const redemptions = await listRedemptions(request.context, request.params.id, filters, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(redemptions, limit, (redemption) => redemption);
    },
  );

  app.delete(
    "/customers/:id/coupons/:redemption_id",
    {
      config: write,
      schema: {
        tags,
        summary:
          "Remove a coupon redemption: later invoices are no longer discounted (why: Fairbill-Reason header)",
        params: Type.Object({
          id: Type.String({ maxLength: 64 }),
          redemption_id: Type.String({ maxLength: 64 }),
        }),
        response: { 200: CouponRedemptionSchema, ...standardErrorResponses },
      },
    },
    async (request) => removeRedemption(request.context, request.params.id, request.params.redemption_id),
  );
}
