// The taxes domain as other domains see it: the tax quote for an invoice.
// Order of resolution: an exemption recorded in Fairbill first (no provider is
// asked), then the environment's provider: the built-in table (reverse charge,
// then the customer region's rate, else its country's rate, else no tax), or an
// external calculator over HTTP.
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { httpTaxProvider } from "./http-tax-provider.ts";
import { exemptionInForce } from "./tax-exemptions.ts";
import { exemptQuote, noTax, type TaxProvider, type TaxQuote, type TaxRequest } from "./tax-quote.ts";
import { tableRatesOf } from "./tax-rates.ts";
import { quoteFromTable } from "./tax-resolution.ts";
import { taxProviderSettingsOf } from "./tax-settings.ts";

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

/** The tax of an invoice, from the provider the environment is configured with. */
export async function taxQuoteFor(
  database: Database,
  scope: TenantScope,
  request: TaxRequest,
): Promise<TaxQuote> {
  const exemption = await exemptionInForce(database, scope, request.customer.id, request.issuedAt);
  if (exemption !== undefined) return exemptQuote(exemption);
  const { provider } = await taxProviderSettingsOf(database, scope);
  const chosen = provider.type === "http" ? httpTaxProvider(provider) : builtInTaxProvider(database, scope);
  return chosen.quote(request);
}
