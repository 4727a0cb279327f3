// Types of the API's request and response bodies for tests, taken from the
// generated OpenAPI document (web/src/api/generated/openapi.ts) the console
// uses, so that a test's view of a body changes when a route's schema does.
import type { components, paths } from "../../web/src/api/generated/openapi.ts";

type JsonContent<Content> = Content extends { content: { "application/json": infer Body } } ? Body : never;

type WriteMethod = "post" | "put" | "patch";

/** The JSON body a write route takes, such as `RequestBody<"/v1/customers", "post">`. */
export type RequestBody<Path extends keyof paths, Method extends WriteMethod> = paths[Path][Method] extends {
  requestBody?: infer Request;
}
  ? JsonContent<NonNullable<Request>>
  : never;

/** What a route answers with the given status, such as `ResponseBody<"/v1/plans", "post", 201>`. */
export type ResponseBody<
  Path extends keyof paths,
  Method extends WriteMethod | "get",
  Status extends number,
> = paths[Path][Method] extends { responses: infer Responses }
  ? Status extends keyof Responses
    ? JsonContent<Responses[Status]>
    : never
  : never;

export type Customer = components["schemas"]["Customer"];
export type Subscription = components["schemas"]["Subscription"];
export type Meter = ResponseBody<"/v1/meters", "post", 201>;
export type Plan = ResponseBody<"/v1/plans", "post", 201>;
export type MeterBody = RequestBody<"/v1/meters", "post">;
export type PlanBody = RequestBody<"/v1/plans", "post">;
export type PlanVersionBody = PlanBody["version"];
export type CustomerBody = RequestBody<"/v1/customers", "post">;
export type SubscriptionBody = RequestBody<"/v1/subscriptions", "post">;
export type Charge = PlanVersionBody["charges"][number];
export type PriceBook = NonNullable<PlanVersionBody["currency_prices"]>[number];
export type UsageEventBody = RequestBody<"/v1/events/batch", "post">["events"][number];
export type IngestionResult = ResponseBody<"/v1/events/batch", "post", 200>;
export type FeatureBody = RequestBody<"/v1/features", "post">;
export type Feature = ResponseBody<"/v1/features", "post", 201>;
export type CreditLedgerEntry = ResponseBody<"/v1/customers/{id}/credit-ledger", "get", 200>["data"][number];
export type ImportRun = ResponseBody<"/v1/imports/{id}", "get", 200>;
export type InvoiceBody = RequestBody<"/v1/invoices", "post">;
export type Invoice = ResponseBody<"/v1/invoices", "post", 201>;
export type PaymentBody = RequestBody<"/v1/invoices/{id}/payments", "post">;
export type ExchangeRateBody = RequestBody<"/v1/exchange-rates", "post">;
export type StandaloneSellingPriceBody = RequestBody<"/v1/standalone-selling-prices", "put">;
