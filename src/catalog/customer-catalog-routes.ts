// HTTP routes of the catalog that hang off a customer: what the customer is
// entitled to (/v1/customers/{id}/entitlements) and the customer's own prices
// (/v1/customers/{id}/price-overrides).
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { customerEntitlements, grantEntitlement, revokeEntitlement } from "./entitlement-grants.ts";
import {
  CustomerEntitlementsSchema,
  EntitlementGrantSchema,
  GrantEntitlementBody,
} from "./entitlement-schemas.ts";
import { Code } from "./plan-version-content.ts";
import {
  CreatePriceOverrideBody,
  PriceOverrideListQuery,
  PriceOverrideSchema,
} from "./price-override-schemas.ts";
import { createPriceOverride, listPriceOverrides } from "./price-overrides.ts";

const CustomerIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerCustomerCatalogRoutes(app: FairbillApp): void {
  const read = { permission: "catalog:read" as const };
  const write = { permission: "catalog:write" as const };
  const entitlementTags = ["Entitlements"];

  app.get(
    "/customers/:id/entitlements",
    {
      config: read,
      schema: {
        tags: entitlementTags,
        summary: "What the customer may use now, and for metered features how much is left this period",
        params: CustomerIdParams,
        response: { 200: CustomerEntitlementsSchema, ...standardErrorResponses },
      },
    },
    async (request) => customerEntitlements(request.context, request.params.id),
  );

  app.post(
    "/customers/:id/entitlements",
    {
      config: write,
      schema: {
        tags: entitlementTags,
        summary: "Grant a feature to the customer directly, or change the value or limit of a grant",
        params: CustomerIdParams,
        body: GrantEntitlementBody,
        response: { 200: EntitlementGrantSchema, ...standardErrorResponses },
      },
    },
    async (request) =>
      grantEntitlement(withReason(request.context, request.body.reason), request.params.id, request.body),
  );

  app.delete(
    "/customers/:id/entitlements/:feature",
    {
      config: write,
      schema: {
        tags: entitlementTags,
        summary: "Take a directly granted feature away from the customer",
        params: Type.Object({ id: Type.String({ maxLength: 64 }), feature: Code }),
        response: { 200: EntitlementGrantSchema, ...standardErrorResponses },
      },
    },
    async (request) => revokeEntitlement(request.context, request.params.id, request.params.feature),
  );

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
