// HTTP routes of price overrides: a customer's own prices on one charge of
// one of its subscriptions (/v1/customers/{id}/price-overrides).
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  CreatePriceOverrideBody,
  PriceOverrideListQuery,
  PriceOverrideSchema,
} from "./price-override-schemas.ts";
import { createPriceOverride, listPriceOverrides } from "./price-overrides.ts";

export function registerPriceOverrideRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, {
    tags: ["Price overrides"],
    read: "catalog:read",
    write: "catalog:write",
  });

  routes.writeById(
    "POST /customers/:id/price-overrides",
    {
      operationId: "createPriceOverride",
      summary: "Override a price of one charge of a subscription's plan, or discount it, from a date",
      body: CreatePriceOverrideBody,
      response: PriceOverrideSchema,
      status: 201,
    },
    (context, id, body) => createPriceOverride(withReason(context, body.reason), id, body),
  );

  routes.listById(
    "GET /customers/:id/price-overrides",
    {
      operationId: "listPriceOverrides",
      summary: "List the customer's price overrides, every version, newest first",
      filters: PriceOverrideListQuery,
      item: PriceOverrideSchema,
    },
    listPriceOverrides,
  );
}
