// The taxes domain as other domains see it: the tax quote for an invoice.
// Order of resolution: an exemption recorded in Fairbill first (no provider is
// asked), then the environment's provider: the built-in table (reverse charge,
// then the customer region's rate, else its country's rate, else no tax), an
// external calculator over HTTP, or a tax engine (Stripe Tax, AvaTax).
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { conflict } from "../platform/errors.ts";
import { httpTaxProvider } from "./http-tax-provider.ts";
import { exemptionInForce, exemptionsInForce } from "./tax-exemptions.ts";
import {
  type AddressValidation,
  exemptQuote,
  noTax,
  type PostalAddress,
  type TaxEngine,
  type TaxProvider,
  type TaxQuote,
  type TaxRequest,
} from "./tax-quote.ts";
import { tableRatesOf } from "./tax-rates.ts";
import { quoteFromTable } from "./tax-resolution.ts";
import { type TaxProviderSettings, taxProviderSettingsOf } from "./tax-settings.ts";

export type { TaxProvider, TaxQuote, TaxRequest } from "./tax-quote.ts";

/** The provider that reads the environment's tax rates (/v1/tax-rates). */
export function builtInTaxProvider(database: Database, scope: TenantScope): TaxProvider {
  return {
    async quote(request) {
      const country = request.customer.country;
      if (country === null) return noTax();
      return quoteFromTable(request, await tableRatesOf(database, scope, country));
    },
  };
}

/** The tax engine the settings name (Stripe Tax, AvaTax), which also records invoices; none for the others. */
export function taxEngineOf(provider: TaxProviderSettings): TaxEngine | undefined {
  if (provider.type === "stripe_tax") {
    return engineLoadedOnFirstCall(async () =>
      (await import("./stripe-tax-engine.ts")).stripeTaxEngine(provider),
    );
  }
  if (provider.type === "avalara") {
    return engineLoadedOnFirstCall(async () =>
      (await import("./avalara-tax-engine.ts")).avalaraTaxEngine(provider),
    );
  }
  return undefined;
}

/**
 * A tax engine whose vendor SDK is loaded when it is first called: the SDKs
 * (Stripe's, Avalara's) take a noticeable share of every process's start-up,
 * and most environments use neither.
 */
function engineLoadedOnFirstCall(load: () => Promise<TaxEngine>): TaxEngine {
  let engine: Promise<TaxEngine> | undefined;
  const loaded = () => {
    engine ??= load();
    return engine;
  };
  return {
    quote: async (request) => (await loaded()).quote(request),
    record: async (invoice) => (await loaded()).record(invoice),
    reverse: async (invoice, externalId) => (await loaded()).reverse(invoice, externalId),
    validateAddress: async (address) => (await loaded()).validateAddress(address),
  };
}

/** The provider outside Fairbill that the settings name; none for the built-in table. */
function externalProviderOf(provider: TaxProviderSettings): TaxProvider | undefined {
  return provider.type === "http" ? httpTaxProvider(provider) : taxEngineOf(provider);
}

/** The tax of an invoice, from the provider the environment is configured with. */
export async function taxQuoteFor(
  database: Database,
  scope: TenantScope,
  request: TaxRequest,
): Promise<TaxQuote> {
  const exemption = await exemptionInForce(database, scope, request.customer.id, request.issuedAt);
  if (exemption !== undefined) return exemptQuote(exemption);
  const { provider } = await taxProviderSettingsOf(database, scope);
  const chosen = externalProviderOf(provider) ?? builtInTaxProvider(database, scope);
  return chosen.quote(request);
}

/**
 * taxQuoteFor of many invoices (a bill run's chunk), at each request's index:
 * the exemptions in one query, the provider settings once, and the built-in
 * table once per country; a provider outside Fairbill is still asked once per invoice.
 */
export async function taxQuotesFor(
  database: Database,
  scope: TenantScope,
  requests: readonly TaxRequest[],
): Promise<TaxQuote[]> {
  if (requests.length === 0) return [];
  const exemptions = await exemptionsInForce(
    database,
    scope,
    requests.map((request) => ({ customerId: request.customer.id, at: request.issuedAt })),
  );
  const { provider } = await taxProviderSettingsOf(database, scope);
  const external = externalProviderOf(provider);
  const ratesByCountry = new Map<string, Awaited<ReturnType<typeof tableRatesOf>>>();
  const quotes: TaxQuote[] = [];
  for (const [index, request] of requests.entries()) {
    const exemption = exemptions[index];
    if (exemption !== undefined) {
      quotes.push(exemptQuote(exemption));
      continue;
    }
    if (external !== undefined) {
      quotes.push(await external.quote(request));
      continue;
    }
    const country = request.customer.country;
    if (country === null) {
      quotes.push(noTax());
      continue;
    }
    let rates = ratesByCountry.get(country);
    if (rates === undefined) {
      rates = await tableRatesOf(database, scope, country);
      ratesByCountry.set(country, rates);
    }
    quotes.push(quoteFromTable(request, rates));
  }
  return quotes;
}

/** Asks the environment's tax engine whether it can locate an address for tax. */
export async function validateTaxAddress(
  context: RequestContext,
  address: PostalAddress,
): Promise<{ provider: "stripe_tax" | "avalara" } & AddressValidation> {
  const { provider } = await taxProviderSettingsOf(context.database, context);
  const engine = taxEngineOf(provider);
  if (engine === undefined || (provider.type !== "stripe_tax" && provider.type !== "avalara")) {
    throw conflict(
      "no_tax_engine",
      "Addresses are checked by a tax engine: set Stripe Tax or AvaTax in PUT /v1/tax-settings first.",
    );
  }
  return { provider: provider.type, ...(await engine.validateAddress(address)) };
}
