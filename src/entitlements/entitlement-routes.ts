// HTTP routes of entitlements: what a customer may use now
// (/v1/customers/{id}/entitlements), and features granted to it directly.
import { Type } from "typebox";
import { Code } from "../catalog/index.ts";
import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { customerEntitlements, grantEntitlement, revokeEntitlement } from "./entitlement-grants.ts";
import {
  CustomerEntitlementsSchema,
  EntitlementGrantSchema,
  GrantEntitlementBody,
} from "./entitlement-schemas.ts";

const CustomerIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerEntitlementRoutes(app: FairbillApp): void {
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
}
