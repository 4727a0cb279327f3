// HTTP routes of entitlements: what a customer may use now
// (/v1/customers/{id}/entitlements), and features granted to it directly.
import { Type } from "typebox";
import { Code } from "../catalog/index.ts";
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { ObjectId } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { customerEntitlements, grantEntitlement, revokeEntitlement } from "./entitlement-grants.ts";
import {
  CustomerEntitlementsSchema,
  EntitlementGrantSchema,
  GrantEntitlementBody,
} from "./entitlement-schemas.ts";

export function registerEntitlementRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Entitlements"], read: "catalog:read", write: "catalog:write" });

  routes.readById(
    "GET /customers/:id/entitlements",
    {
      operationId: "getCustomerEntitlements",
      summary: "What the customer may use now, and for metered features how much is left this period",
      response: CustomerEntitlementsSchema,
    },
    customerEntitlements,
  );

  routes.writeById(
    "POST /customers/:id/entitlements",
    {
      operationId: "grantEntitlement",
      summary: "Grant a feature to the customer directly, or change the value or limit of a grant",
      body: GrantEntitlementBody,
      response: EntitlementGrantSchema,
    },
    (context, id, body) => grantEntitlement(withReason(context, body.reason), id, body),
  );

  routes.write(
    "DELETE /customers/:id/entitlements/:feature",
    {
      operationId: "revokeEntitlement",
      summary: "Take a directly granted feature away from the customer",
      params: Type.Object({ id: ObjectId, feature: Code }),
      response: EntitlementGrantSchema,
    },
    ({ context, params }) => revokeEntitlement(context, params.id, params.feature),
  );
}
