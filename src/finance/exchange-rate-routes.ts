// HTTP routes of exchange rates: enter one, fetch one from the rate provider,
// list them.
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  EnterExchangeRateBody,
  ExchangeRateListQuery,
  ExchangeRateSchema,
  FetchExchangeRateBody,
} from "./exchange-rate-schemas.ts";
import { enterExchangeRate, fetchExchangeRate, listExchangeRates } from "./exchange-rates.ts";

export function registerExchangeRateRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Revenue"], read: "finance:read", write: "finance:write" });

  routes.write(
    "POST /exchange-rates",
    {
      operationId: "enterExchangeRate",
      summary: "Enter the rate of a currency pair from a date on (replacing the pair's rate of that date)",
      body: EnterExchangeRateBody,
      response: ExchangeRateSchema,
      status: 201,
    },
    ({ context, body }) => enterExchangeRate(context, body),
  );

  routes.write(
    "POST /exchange-rates/fetch",
    {
      operationId: "fetchExchangeRate",
      summary: "Ask the finance settings' rate provider for a pair's rate on a date and store it",
      body: FetchExchangeRateBody,
      response: ExchangeRateSchema,
      status: 201,
    },
    ({ context, body }) => fetchExchangeRate(context, body),
  );

  routes.list(
    "GET /exchange-rates",
    {
      operationId: "listExchangeRates",
      summary: "The exchange rates stored, newest first, by base or quote currency",
      filters: ExchangeRateListQuery,
      item: ExchangeRateSchema,
    },
    ({ context }, filters, page) => listExchangeRates(context, filters, page),
  );
}
