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

export const demoCustomers: DemoCustomer[] = [
  {
    customer: {
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
      metadata: { segment: "mid-market", account_manager: "Lena Ortiz" },
    },
    plan: "growth",
    start: { month: 0, day: 1 },
    paysAfterDays: 18,
    usage: usageProfile([75, 0.18, 14, [16000, 120000], 0.35, 120, 2.5]),
  },
  {
    customer: {
      external_id: "globex",
      name: "Globex GmbH",
      email: "rechnung@globex.example",
      country: "DE",
      currency: "EUR",
      timezone: "Europe/Berlin",
      locale: "de-DE",
      tax_ids: [{ type: "eu_vat", value: "DE123456789" }],
      billing_address: { line1: "Friedrichstraße 100", city: "Berlin", postal_code: "10117", country: "DE" },
      invoice_settings: { net_payment_terms_days: 14 },
    },
    plan: "growth",
    start: { month: 0, day: 1 },
    paysAfterDays: 9,
    usage: usageProfile([55, 0.1, 9, [10000, 80000], 0.2, 80, 1.5]),
  },
  {
    customer: {
      external_id: "umbrella",
      name: "Umbrella Labs Ltd",
      email: "accounts@umbrella.example",
      country: "GB",
      currency: "GBP",
      timezone: "Europe/London",
      locale: "en-GB",
      tax_ids: [{ type: "gb_vat", value: "GB123456789" }],
      billing_address: { line1: "10 King's Road", city: "London", postal_code: "SW3 4RY", country: "GB" },
    },
    plan: "starter",
    start: { month: 0, day: 1 },
    paysAfterDays: 24,
    usesUnpricedProducts: true,
    usage: usageProfile([28, 0.45, 4, [2000, 12000], 0.1, 15, 0.8]),
  },
  {
    customer: {
      external_id: "initech",
      name: "Initech Inc.",
      email: "ap@initech.example",
      country: "US",
      currency: "USD",
      timezone: "America/Chicago",
      locale: "en-US",
      billing_address: {
        line1: "4120 Freidrich Lane",
        city: "Austin",
        state: "TX",
        postal_code: "78744",
        country: "US",
      },
    },
    plan: "starter",
    start: { month: 0, day: 1 },
    paysAfterDays: 58,
    usage: usageProfile([22, 0.05, 3, [1500, 9000], 0, 12, 0.4]),
  },
  {
    customer: {
      external_id: "hooli",
      name: "Hooli XYZ",
      email: "procurement@hooli.example",
      country: "US",
      currency: "USD",
      timezone: "America/Los_Angeles",
      locale: "en-US",
      billing_address: {
        line1: "1 Hacker Way",
        city: "Palo Alto",
        state: "CA",
        postal_code: "94301",
        country: "US",
      },
      invoice_settings: { net_payment_terms_days: 45, footer: "PO 4500-1187 · Net 45" },
      metadata: { segment: "enterprise", contract: "MSA-2025-014" },
    },
    plan: "enterprise",
    start: { month: 0, day: 1 },
    paysAfterDays: 38,
    usage: usageProfile([120, 0.08, 22, [20000, 160000], 0.5, 900, 6, 14]),
  },
  {
    customer: {
      external_id: "soylent",
      name: "Soylent SAS",
      email: "factures@soylent.example",
      country: "FR",
      currency: "EUR",
      timezone: "Europe/Paris",
      locale: "fr-FR",
      tax_ids: [{ type: "eu_vat", value: "FR40303265045" }],
      billing_address: { line1: "12 rue de Rivoli", city: "Paris", postal_code: "75004", country: "FR" },
    },
    plan: "starter",
    start: { month: 0, day: 1 },
    paysAfterDays: 12,
    usage: usageProfile([18, -0.25, 2, [1000, 6000], 0, 20, 0.2]),
  },
  {
    customer: {
      external_id: "stark",
      name: "Stark Industries",
      email: "finance@stark.example",
      country: "US",
      currency: "USD",
      timezone: "America/New_York",
      locale: "en-US",
      billing_address: {
        line1: "200 Park Avenue",
        city: "New York",
        state: "NY",
        postal_code: "10166",
        country: "US",
      },
      metadata: { segment: "enterprise" },
    },
    plan: "enterprise",
    start: { month: 1, day: 1 },
    paysAfterDays: 29,
    usage: usageProfile([90, 0.25, 15, [20000, 100000], 0.6, 400, 5, 9]),
  },
  {
    customer: {
      external_id: "wayne",
      name: "Wayne Enterprises Ltd",
      email: "payables@wayne.example",
      country: "GB",
      currency: "GBP",
      timezone: "Europe/London",
      locale: "en-GB",
      billing_address: { line1: "1 Canada Square", city: "London", postal_code: "E14 5AB", country: "GB" },
    },
    plan: "growth",
    start: { month: 0, day: 1 },
    paysAfterDays: 14,
    usage: usageProfile([45, 0.12, 6, [8000, 60000], 0.25, 60, 1.2]),
  },
  {
    customer: {
      external_id: "tyrell",
      name: "Tyrell Asia Pte. Ltd.",
      email: "finance@tyrell.example",
      country: "SG",
      currency: "USD",
      timezone: "Asia/Singapore",
      locale: "en-SG",
      billing_address: { line1: "8 Marina View", city: "Singapore", postal_code: "018960", country: "SG" },
    },
    plan: "starter",
    start: { month: 0, day: 1 },
    paysAfterDays: 21,
    usage: usageProfile([16, 0, 2, [1000, 8000], 0, 25, 0.3]),
  },
  {
    customer: {
      external_id: "cyberdyne",
      name: "Cyberdyne Systems B.V.",
      email: "billing@cyberdyne.example",
      country: "NL",
      currency: "EUR",
      timezone: "Europe/Amsterdam",
      locale: "nl-NL",
      tax_ids: [{ type: "eu_vat", value: "NL123456789B01" }],
      billing_address: { line1: "Herengracht 500", city: "Amsterdam", postal_code: "1017 CB", country: "NL" },
    },
    plan: "growth",
    start: { daysAgo: 6 },
    trialDays: 14,
    usage: usageProfile([65, 0.3, 10, [10000, 60000], 0.3, 40, 3]),
  },
  {
    customer: {
      external_id: "wonka",
      name: "Wonka Industries DAC",
      email: "accounts@wonka.example",
      country: "IE",
      currency: "EUR",
      timezone: "Europe/Dublin",
      locale: "en-IE",
      billing_address: { line1: "5 Hanover Quay", city: "Dublin", postal_code: "D02 VY79", country: "IE" },
    },
    plan: "starter",
    start: { month: 0, day: 15 },
    paysAfterDays: 6,
    usage: usageProfile([24, 0.2, 2, [5000, 25000], 0.1, 18, 0.6]),
  },
  {
    customer: {
      external_id: "piedpiper",
      name: "Pied Piper Inc.",
      email: "richard@piedpiper.example",
      country: "US",
      currency: "USD",
      timezone: "America/Los_Angeles",
      locale: "en-US",
    },
    plan: "starter",
    start: { daysAgo: 10 },
    trialDays: 30,
    usage: usageProfile([14, 0.6, 3, [1000, 5000], 0, 8, 0.5]),
  },
];
