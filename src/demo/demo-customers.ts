// The demo's twelve customers: who they are (in USD, EUR and GBP, in time
// zones from Los Angeles to Singapore), which plan they start on and when,
// how they use the product and how soon they pay. What later happens to
// their accounts (upgrades, cancellations, pauses, coupons, credits) is in
// demo-story.ts.
import type { CreateCustomerInput } from "../customers/index.ts";
import type { DemoMonth } from "./demo-calendar.ts";
import type { DemoPlanCode } from "./demo-catalog.ts";

/** How a customer uses the product on a weekday at the start; weekends are quieter, and it grows. */
export type UsageProfile = {
  apiCallsPerDay: number;
  /** Growth per month, 0.2 being 20 % more usage each month. */
  monthlyGrowth: number;
  aiRequestsPerDay: number;
  tokensPerRequest: readonly [number, number];
  /** The share of AI requests on the large model. */
  largeModelShare: number;
  /** The storage held on the first day, and what a weekday adds on average. */
  storageStartGb: number;
  storageGbPerDay: number;
  /** Payments taken per weekday through the payments add-on (Enterprise only). */
  paymentsPerDay?: number;
};

export type DemoCustomer = {
  customer: CreateCustomerInput & { external_id: string; timezone: string };
  plan: DemoPlanCode;
  /** A day of one of the demo's months, or some days before now (local midnight). */
  start: { month: DemoMonth; day: number } | { daysAgo: number };
  trialDays?: number;
  usage: UsageProfile;
  /** How many days after an invoice is issued the customer pays it by bank transfer; left out: not yet. */
  paysAfterDays?: number;
  /**
   * Sends usage of every product, also what its plan does not price: the
   * leakage reconciliation names (Umbrella uses the AI assistant on Starter
   * until it upgrades). Left out: only the usage its plan prices.
   */
  usesUnpricedProducts?: true;
};

/** A usage profile written as one row: its fields in the order of UsageProfile's. */
type UsageRow = [
  apiCallsPerDay: number,
  monthlyGrowth: number,
  aiRequestsPerDay: number,
  tokensPerRequest: readonly [number, number],
  largeModelShare: number,
  storageStartGb: number,
  storageGbPerDay: number,
  paymentsPerDay?: number,
];

function usageProfile(row: UsageRow): UsageProfile {
  const [
    apiCallsPerDay,
    monthlyGrowth,
    aiRequestsPerDay,
    tokensPerRequest,
    largeModelShare,
    storageStartGb,
    storageGbPerDay,
    paymentsPerDay,
  ] = row;
  return {
    apiCallsPerDay,
    monthlyGrowth,
    aiRequestsPerDay,
    tokensPerRequest,
    largeModelShare,
    storageStartGb,
    storageGbPerDay,
    ...(paymentsPerDay === undefined ? {} : { paymentsPerDay }),
  };
}

/** Who a demo customer is, written as one row: external id, name, email, country, currency, time zone, locale. */
type AccountRow = [
  externalId: string,
  name: string,
  email: string,
  country: string,
  currency: string,
  timeZone: string,
  locale: string,
];

/** A street address in the customer's country: street, city, postal code, and the state where there is one. */
type AddressRow = [line1: string, city: string, postalCode: string, state?: string];

/** What only some demo customers have: tax ids, invoice settings, metadata. */
type AccountExtras = Pick<CreateCustomerInput, "tax_ids" | "invoice_settings" | "metadata">;

function account(
  row: AccountRow,
  address?: AddressRow,
  extras: AccountExtras = {},
): DemoCustomer["customer"] {
  const [external_id, name, email, country, currency, timezone, locale] = row;
  const billingAddress =
    address === undefined
      ? {}
      : {
          billing_address: {
            line1: address[0],
            city: address[1],
            postal_code: address[2],
            ...(address[3] === undefined ? {} : { state: address[3] }),
            country,
          },
        };
  return { external_id, name, email, country, currency, timezone, locale, ...extras, ...billingAddress };
}

/** Who the twelve customers are, in the order they are created. */
const accountRows: AccountRow[] = [
  ["acme", "Acme Corporation", "billing@acme.example", "US", "USD", "America/New_York", "en-US"],
  ["globex", "Globex GmbH", "rechnung@globex.example", "DE", "EUR", "Europe/Berlin", "de-DE"],
  ["umbrella", "Umbrella Labs Ltd", "accounts@umbrella.example", "GB", "GBP", "Europe/London", "en-GB"],
  ["initech", "Initech Inc.", "ap@initech.example", "US", "USD", "America/Chicago", "en-US"],
  ["hooli", "Hooli XYZ", "procurement@hooli.example", "US", "USD", "America/Los_Angeles", "en-US"],
  ["soylent", "Soylent SAS", "factures@soylent.example", "FR", "EUR", "Europe/Paris", "fr-FR"],
  ["stark", "Stark Industries", "finance@stark.example", "US", "USD", "America/New_York", "en-US"],
  ["wayne", "Wayne Enterprises Ltd", "payables@wayne.example", "GB", "GBP", "Europe/London", "en-GB"],
  ["tyrell", "Tyrell Asia Pte. Ltd.", "finance@tyrell.example", "SG", "USD", "Asia/Singapore", "en-SG"],
  [
    "cyberdyne",
    "Cyberdyne Systems B.V.",
    "billing@cyberdyne.example",
    "NL",
    "EUR",
    "Europe/Amsterdam",
    "nl-NL",
  ],
  ["wonka", "Wonka Industries DAC", "accounts@wonka.example", "IE", "EUR", "Europe/Dublin", "en-IE"],
  ["piedpiper", "Pied Piper Inc.", "richard@piedpiper.example", "US", "USD", "America/Los_Angeles", "en-US"],
];

/** The billing address of each customer that has one, by external id. */
const addresses: Record<string, AddressRow> = {
  acme: ["1 Market Street", "San Francisco", "94105", "CA"],
  globex: ["Friedrichstraße 100", "Berlin", "10117"],
  umbrella: ["10 King's Road", "London", "SW3 4RY"],
  initech: ["4120 Freidrich Lane", "Austin", "78744", "TX"],
  hooli: ["1 Hacker Way", "Palo Alto", "94301", "CA"],
  soylent: ["12 rue de Rivoli", "Paris", "75004"],
  stark: ["200 Park Avenue", "New York", "10166", "NY"],
  wayne: ["1 Canada Square", "London", "E14 5AB"],
  tyrell: ["8 Marina View", "Singapore", "018960"],
  cyberdyne: ["Herengracht 500", "Amsterdam", "1017 CB"],
  wonka: ["5 Hanover Quay", "Dublin", "D02 VY79"],
};

/** The tax ids, invoice settings and metadata of the customers that have any, by external id. */
const accountExtras: Record<string, AccountExtras> = {
  acme: {
    invoice_settings: { net_payment_terms_days: 30 },
    metadata: { segment: "mid-market", account_manager: "Lena Ortiz" },
  },
  globex: {
    tax_ids: [{ type: "eu_vat", value: "DE123456789" }],
    invoice_settings: { net_payment_terms_days: 14 },
  },
  umbrella: { tax_ids: [{ type: "gb_vat", value: "GB123456789" }] },
  hooli: {
    invoice_settings: { net_payment_terms_days: 45, footer: "PO 4500-1187 · Net 45" },
    metadata: { segment: "enterprise", contract: "MSA-2025-014" },
  },
  soylent: { tax_ids: [{ type: "eu_vat", value: "FR40303265045" }] },
  stark: { metadata: { segment: "enterprise" } },
  cyberdyne: { tax_ids: [{ type: "eu_vat", value: "NL123456789B01" }] },
};

/**
 * How a customer bills, written as one row: its plan, its start, the days it
 * takes to pay (undefined: it has not paid yet), its usage profile as a
 * UsageRow, and what only some customers have.
 */
type BillingRow = [
  plan: DemoPlanCode,
  start: DemoCustomer["start"],
  paysAfterDays: number | undefined,
  usage: UsageRow,
  extras?: Pick<DemoCustomer, "trialDays" | "usesUnpricedProducts">,
];

/** How each customer bills, by external id. */
const billing: Record<string, BillingRow> = {
  acme: ["growth", { month: 0, day: 1 }, 18, [75, 0.18, 14, [16000, 120000], 0.35, 120, 2.5]],
  globex: ["growth", { month: 0, day: 1 }, 9, [55, 0.1, 9, [10000, 80000], 0.2, 80, 1.5]],
  umbrella: [
    "starter",
    { month: 0, day: 1 },
    24,
    [28, 0.45, 4, [2000, 12000], 0.1, 15, 0.8],
    { usesUnpricedProducts: true },
  ],
  initech: ["starter", { month: 0, day: 1 }, 58, [22, 0.05, 3, [1500, 9000], 0, 12, 0.4]],
  hooli: ["enterprise", { month: 0, day: 1 }, 38, [120, 0.08, 22, [20000, 160000], 0.5, 900, 6, 14]],
  soylent: ["starter", { month: 0, day: 1 }, 12, [18, -0.25, 2, [1000, 6000], 0, 20, 0.2]],
  stark: ["enterprise", { month: 1, day: 1 }, 29, [90, 0.25, 15, [20000, 100000], 0.6, 400, 5, 9]],
  wayne: ["growth", { month: 0, day: 1 }, 14, [45, 0.12, 6, [8000, 60000], 0.25, 60, 1.2]],
  tyrell: ["starter", { month: 0, day: 1 }, 21, [16, 0, 2, [1000, 8000], 0, 25, 0.3]],
  cyberdyne: [
    "growth",
    { daysAgo: 6 },
    undefined,
    [65, 0.3, 10, [10000, 60000], 0.3, 40, 3],
    { trialDays: 14 },
  ],
  wonka: ["starter", { month: 0, day: 15 }, 6, [24, 0.2, 2, [5000, 25000], 0.1, 18, 0.6]],
  piedpiper: [
    "starter",
    { daysAgo: 10 },
    undefined,
    [14, 0.6, 3, [1000, 5000], 0, 8, 0.5],
    { trialDays: 30 },
  ],
};

function demoCustomer(accountRow: AccountRow): DemoCustomer {
  const externalId = accountRow[0];
  const billingRow = billing[externalId];
  if (billingRow === undefined) throw new Error(`The demo customer ${externalId} has no billing row.`);
  const [plan, start, paysAfterDays, usage, extras] = billingRow;
  return {
    customer: account(accountRow, addresses[externalId], accountExtras[externalId]),
    plan,
    start,
    ...extras,
    ...(paysAfterDays === undefined ? {} : { paysAfterDays }),
    usage: usageProfile(usage),
  };
}

export const demoCustomers: DemoCustomer[] = accountRows.map(demoCustomer);
