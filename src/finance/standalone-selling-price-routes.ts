// HTTP routes of standalone selling prices: set one per product or per plan
// charge and currency, list them, remove one.
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  SetStandaloneSellingPriceBody,
  StandaloneSellingPriceListQuery,
  StandaloneSellingPriceSchema,
} from "./standalone-selling-price-schemas.ts";
import {
  listStandaloneSellingPrices,
  removeStandaloneSellingPrice,
  setStandaloneSellingPrice,
} from "./standalone-selling-prices.ts";

export function registerStandaloneSellingPriceRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Revenue"], read: "finance:read", write: "finance:write" });

  routes.write(
    "PUT /standalone-selling-prices",
    {
      operationId: "setStandaloneSellingPrice",
      summary:
        "Set what a product, or one charge of a plan, sells for on its own in a currency (ASC 606 allocation)",
      body: SetStandaloneSellingPriceBody,
      response: StandaloneSellingPriceSchema,
    },
    ({ context, body }) => setStandaloneSellingPrice(context, body),
  );

  routes.list(
    "GET /standalone-selling-prices",
    {
      operationId: "listStandaloneSellingPrices",
      summary: "The standalone selling prices set, newest first",
      filters: StandaloneSellingPriceListQuery,
      item: StandaloneSellingPriceSchema,
    },
    ({ context }, filters, page) => listStandaloneSellingPrices(context, filters, page),
  );

  routes.writeById(
    "DELETE /standalone-selling-prices/:id",
    {
      operationId: "removeStandaloneSellingPrice",
      summary: "Remove a standalone selling price: its fees weigh their list price again",
      response: StandaloneSellingPriceSchema,
    },
    removeStandaloneSellingPrice,
  );
}
