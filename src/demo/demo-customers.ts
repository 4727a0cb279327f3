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
};

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
    usage: {
      apiCallsPerDay: 75,
      monthlyGrowth: 0.18,
      aiRequestsPerDay: 14,
      tokensPerRequest: [16000, 120000],
      largeModelShare: 0.35,
      storageStartGb: 120,
      storageGbPerDay: 2.5,
    },
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
    usage: {
      apiCallsPerDay: 55,
      monthlyGrowth: 0.1,
      aiRequestsPerDay: 9,
      tokensPerRequest: [10000, 80000],
      largeModelShare: 0.2,
      storageStartGb: 80,
      storageGbPerDay: 1.5,
    },
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
    usage: {
      apiCallsPerDay: 28,
      monthlyGrowth: 0.45,
      aiRequestsPerDay: 4,
      tokensPerRequest: [2000, 12000],
      largeModelShare: 0.1,
      storageStartGb: 15,
      storageGbPerDay: 0.8,
    },
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
    usage: {
      apiCallsPerDay: 22,
      monthlyGrowth: 0.05,
      aiRequestsPerDay: 3,
      tokensPerRequest: [1500, 9000],
      largeModelShare: 0,
      storageStartGb: 12,
      storageGbPerDay: 0.4,
    },
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
    usage: {
      apiCallsPerDay: 120,
      monthlyGrowth: 0.08,
      aiRequestsPerDay: 22,
      tokensPerRequest: [20000, 160000],
      largeModelShare: 0.5,
      storageStartGb: 900,
      storageGbPerDay: 6,
      paymentsPerDay: 14,
    },
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
    usage: {
      apiCallsPerDay: 18,
      monthlyGrowth: -0.25,
      aiRequestsPerDay: 2,
      tokensPerRequest: [1000, 6000],
      largeModelShare: 0,
      storageStartGb: 20,
      storageGbPerDay: 0.2,
    },
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
    usage: {
      apiCallsPerDay: 90,
      monthlyGrowth: 0.25,
      aiRequestsPerDay: 15,
      tokensPerRequest: [20000, 100000],
      largeModelShare: 0.6,
      storageStartGb: 400,
      storageGbPerDay: 5,
      paymentsPerDay: 9,
    },
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
    usage: {
      apiCallsPerDay: 45,
      monthlyGrowth: 0.12,
      aiRequestsPerDay: 6,
      tokensPerRequest: [8000, 60000],
      largeModelShare: 0.25,
      storageStartGb: 60,
      storageGbPerDay: 1.2,
    },
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
    usage: {
      apiCallsPerDay: 16,
      monthlyGrowth: 0,
      aiRequestsPerDay: 2,
      tokensPerRequest: [1000, 8000],
      largeModelShare: 0,
      storageStartGb: 25,
      storageGbPerDay: 0.3,
    },
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
    usage: {
      apiCallsPerDay: 65,
      monthlyGrowth: 0.3,
      aiRequestsPerDay: 10,
      tokensPerRequest: [10000, 60000],
      largeModelShare: 0.3,
      storageStartGb: 40,
      storageGbPerDay: 3,
    },
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
    usage: {
      apiCallsPerDay: 24,
      monthlyGrowth: 0.2,
      aiRequestsPerDay: 2,
      tokensPerRequest: [5000, 25000],
      largeModelShare: 0.1,
      storageStartGb: 18,
      storageGbPerDay: 0.6,
    },
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
    usage: {
      apiCallsPerDay: 14,
      monthlyGrowth: 0.6,
      aiRequestsPerDay: 3,
      tokensPerRequest: [1000, 5000],
      largeModelShare: 0,
      storageStartGb: 8,
      storageGbPerDay: 0.5,
    },
  },
];
