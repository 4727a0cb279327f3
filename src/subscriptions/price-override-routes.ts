// HTTP routes of price overrides: a customer's own prices on one charge of
// one of its subscriptions (/v1/customers/{id}/price-overrides).
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  CreatePriceOverrideBody,
  PriceOverrideListQuery,
  PriceOverrideSchema,
} from "./price-override-schemas.ts";
import { createPriceOverride, listPriceOverrides } from "./price-overrides.ts";

const CustomerIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerPriceOverrideRoutes(app: FairbillApp): void {
  const read = { permission: "catalog:read" as const };
  const write = { permission: "catalog:write" as const };
  const overrideTags = ["Price overrides"];
  app.post(
    "/customers/:id/price-overrides",
    {
      config: write,
      schema: {
        tags: overrideTags,
        summary: "Override a price of one charge of a subscription's plan, or discount it, from a date",
        params: CustomerIdParams,
        body: CreatePriceOverrideBody,
        response: { 201: PriceOverrideSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createPriceOverride(
            withReason(request.context, request.body.reason),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.get(
    "/customers/:id/price-overrides",
    {
      config: read,
      schema: {
        tags: overrideTags,
        summary: "List the customer's price overrides, every version, newest first",
        params: CustomerIdParams,
        querystring: Type.Object(
          { ...PriceOverrideListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(PriceOverrideSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const overrides = await listPriceOverrides(request.context, request.params.id, filters, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(overrides, limit, (override) => override);
    },
  );
}
