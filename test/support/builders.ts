// Builders for the objects most API tests stand on: meters, published plans,
// customers and subscriptions, made through the API as a client would and
// checked on the way (a refusal fails the test with the problem it named).
// Each takes only the fields a test cares about; the rest are defaults.
import { expect } from "vitest";
import type {
  Customer,
  CustomerBody,
  Feature,
  FeatureBody,
  IngestionResult,
  Invoice,
  InvoiceBody,
  Meter,
  MeterBody,
  Plan,
  PlanBody,
  PlanVersionBody,
  Subscription,
  SubscriptionBody,
  UsageEventBody,
} from "./api-types.ts";
import type { LocalStripe } from "./local-stripe-server.ts";
import { expectCreated, expectOk } from "./responses.ts";
import type { ApiClient } from "./test-app.ts";

/** A meter; by default `calls`, counting `api_call` events. */
export function createMeter(client: ApiClient, fields: Partial<MeterBody> = {}): Promise<Meter> {
  return expectCreated(
    client.post<Meter>("/v1/meters", {
      code: "calls",
      name: "API calls",
      event_name: "api_call",
      aggregation: "count",
      ...fields,
    }),
  );
}

/** A meter summing its events' property `n` (a count of images in a batch, of calls in a minute); more fields as `createMeter`. */
export function createSumMeter(
  client: ApiClient,
  code: string,
  eventName: string,
  fields: Partial<MeterBody> = {},
): Promise<Meter> {
  return createMeter(client, { code, event_name: eventName, aggregation: "sum", property: "n", ...fields });
}

/** A feature a plan or a customer may be entitled to (boolean, static or metered on a meter). */
export function createFeature(client: ApiClient, fields: FeatureBody): Promise<Feature> {
  return expectCreated(client.post<Feature>("/v1/features", fields));
}

/** A feature metered on `meter`: a limit that the customer's usage of the meter counts against. */
export function createMeteredFeature(
  client: ApiClient,
  code: string,
  name: string,
  meter: string,
): Promise<Feature> {
  return createFeature(client, { code, name, kind: "metered", meter });
}

/** What a plan's builder takes: a code, and its first version's content over a monthly USD default. */
export type PlanFields = Omit<Partial<PlanBody>, "version"> & {
  version?: Partial<PlanVersionBody>;
};

/** A plan whose version 1 is left a draft; named after its code unless told. */
export function createDraftPlan(client: ApiClient, fields: PlanFields = {}): Promise<Plan> {
  const { code = "pro", version, ...rest } = fields;
  return expectCreated(
    client.post<Plan>("/v1/plans", {
      code,
      name: code,
      ...rest,
      version: { currency: "USD", interval: "month", ...version },
    }),
  );
}

/** Publishes a plan's draft version (version 1 unless told). */
async function publishPlanVersion(client: ApiClient, planId: string, version = 1): Promise<void> {
  await expectOk(client.post(`/v1/plans/${planId}/versions/${version}/publish`, {}));
}

/** A plan with its version 1 published, ready to subscribe to. */
export async function createPlan(client: ApiClient, fields: PlanFields = {}): Promise<Plan> {
  const plan = await createDraftPlan(client, fields);
  await publishPlanVersion(client, plan.id);
  return plan;
}

let customerSequence = 0;

/** A customer; its external id is unique in the test run unless told. */
export function createCustomer(client: ApiClient, fields: Partial<CustomerBody> = {}): Promise<Customer> {
  customerSequence += 1;
  return expectCreated(
    client.post<Customer>("/v1/customers", { external_id: `customer-${customerSequence}`, ...fields }),
  );
}

/** A subscription of a customer to a published plan. */
export function subscribe(client: ApiClient, body: SubscriptionBody): Promise<Subscription> {
  return expectCreated(client.post<Subscription>("/v1/subscriptions", body));
}

/** A new customer (fields as `createCustomer`) subscribed to `planId`; the subscription's fields as `subscribe`. */
export async function subscribeNewCustomer(
  client: ApiClient,
  planId: string,
  options: { customer?: Partial<CustomerBody>; subscription?: Partial<SubscriptionBody> } = {},
): Promise<{ customer: Customer; subscription: Subscription }> {
  const customer = await createCustomer(client, options.customer);
  const subscription = await subscribe(client, {
    customer_id: customer.id,
    plan_id: planId,
    ...options.subscription,
  });
  return { customer, subscription };
}

/** A one-off invoice of `lines` to a customer, in USD and finalized unless told. */
export function createOneOffInvoice(
  client: ApiClient,
  customerId: string,
  lines: InvoiceBody["lines"],
  fields: Partial<InvoiceBody> = {},
): Promise<Invoice> {
  return expectCreated(
    client.post<Invoice>("/v1/invoices", {
      customer_id: customerId,
      currency: "USD",
      lines,
      finalize: true,
      ...fields,
    }),
  );
}

/** Sends usage events in one batch and checks that every one was accepted or a duplicate, none refused. */
export async function ingestEvents(client: ApiClient, events: UsageEventBody[]): Promise<IngestionResult> {
  const result = await expectOk(client.post<IngestionResult>("/v1/events/batch", { events }));
  expect(result.rejected).toEqual([]);
  return result;
}

/** German VAT (USt) at 19% from 2025. */
export async function createGermanVatRate(client: ApiClient): Promise<void> {
  await expectCreated(
    client.post("/v1/tax-rates", {
      country: "DE",
      name: "USt 19%",
      percent: "19",
      valid_from: "2025-01-01T00:00:00Z",
    }),
  );
}

/** The seller is a German company (Audit Cloud GmbH) charging German VAT at 19% from 2025. */
export async function sellAsGermanCompanyWithVat(client: ApiClient): Promise<void> {
  await expectOk(
    client.put("/v1/invoicing-settings", {
      seller: { name: "Audit Cloud GmbH", country: "DE", email: "billing@auditcloud.example" },
    }),
  );
  await createGermanVatRate(client);
}

/** The local Stripe collects the tenant's payments; the saved payment settings (their webhook path among them). */
export function collectThroughLocalStripe(
  client: ApiClient,
  stripe: LocalStripe,
): Promise<{ stripe: { webhook_path: string } }> {
  return expectOk(
    client.put("/v1/payment-settings", {
      provider: "stripe",
      stripe: {
        secret_key: stripe.secretKey,
        webhook_secret: stripe.webhookSecret,
        api_base_url: stripe.url,
      },
    }),
  );
}
