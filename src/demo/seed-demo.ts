// Demo data for `npm start`, so that a newcomer sees a living system at once.
// It runs through the same use cases as the API (audit entries included) and
// only into an environment that has no customers yet.

import type { CreateCustomerInput } from "../customers/customer-schemas.ts";
import { createCustomer } from "../customers/customers.ts";
import type { RequestContext } from "../platform/context.ts";

const demoCustomers: CreateCustomerInput[] = [
  {
    external_id: "acme",
    name: "Acme Corporation",
    email: "billing@acme.example",
    country: "US",
    currency: "USD",
    timezone: "America/New_York",
    locale: "en-US",
    billing_address: {
      line1: "1 Market Street",
      city: "San Francisco",
      postal_code: "94105",
      state: "CA",
      country: "US",
    },
    invoice_settings: { net_payment_terms_days: 30 },
  },
  {
    external_id: "globex",
    name: "Globex GmbH",
    email: "rechnung@globex.example",
    country: "DE",
    currency: "EUR",
    timezone: "Europe/Berlin",
    locale: "de-DE",
    tax_ids: [{ type: "eu_vat", value: "DE123456789" }],
    billing_address: { line1: "Friedrichstraße 100", city: "Berlin", postal_code: "10117", country: "DE" },
  },
  {
    external_id: "initech",
    name: "Initech KK",
    email: "billing@initech.example",
    country: "JP",
    currency: "JPY",
    timezone: "Asia/Tokyo",
    locale: "ja-JP",
  },
  {
    external_id: "umbrella",
    name: "Umbrella Labs",
    email: "ap@umbrella.example",
    country: "GB",
    currency: "GBP",
    timezone: "Europe/London",
    locale: "en-GB",
  },
];

/** Seeds the demo customers when the environment has none; returns how many were made. */
export async function seedDemoData(context: RequestContext): Promise<number> {
  const existing = await context.database
    .selectFrom("customers")
    .select("id")
    .where("environment_id", "=", context.environmentId)
    .limit(1)
    .executeTakeFirst();
  if (existing) return 0;
  for (const customer of demoCustomers) await createCustomer(context, customer);
  return demoCustomers.length;
}
