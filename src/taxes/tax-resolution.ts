// The built-in table's answer for one invoice, as a pure function of the
// request and the customer country's rates: reverse charge for an EU business
// in another member state when the rate allows it, else the customer region's
// rate, else the country's rate, else no tax. (An exemption is looked at before
// any provider is asked; see taxes.ts.)
import type { Decimal } from "../core/index.ts";
import { isBusinessIn, isEuMemberState } from "./tax-ids.ts";
import { noTax, reverseChargeQuote, type TaxQuote, type TaxRequest } from "./tax-quote.ts";

export type TableRate = {
  id: string;
  country: string;
  /** The subdivision code, or null for the whole country. */
  region: string | null;
  name: string;
  percent: Decimal;
  inclusive: boolean;
  reverseChargeEligible: boolean;
  validFrom: Date | null;
  validUntil: Date | null;
};

/**
 * The region as rates store it: the subdivision code alone, upper case
 * (`"ca"` and `"US-CA"` are `"CA"` for a US customer); null when there is none.
 */
export function normalizeRegion(country: string, region: string | null): string | null {
  const trimmed = region?.trim().toUpperCase() ?? "";
  if (trimmed === "") return null;
  return trimmed.startsWith(`${country}-`) ? trimmed.slice(country.length + 1) : trimmed;
}

function isInForce(rate: TableRate, at: Date): boolean {
  return (
    (rate.validFrom === null || rate.validFrom <= at) && (rate.validUntil === null || at < rate.validUntil)
  );
}

/**
 * Of the rates for exactly this region (null: the country-wide ones) in force
 * at `at`, the one that started last: a new rate takes over from its
 * valid_from without the old one being ended. Ties go to the newer rate.
 */
function rateInForce(rates: readonly TableRate[], region: string | null, at: Date): TableRate | undefined {
  const start = (rate: TableRate) => rate.validFrom?.getTime() ?? Number.NEGATIVE_INFINITY;
  return rates
    .filter((rate) => rate.region === region && isInForce(rate, at))
    .sort((left, right) => start(right) - start(left) || (right.id < left.id ? -1 : 1))[0];
}

/** Both parties in the EU, in different member states, and the customer a business there. */
function qualifiesForReverseCharge(request: TaxRequest, customerCountry: string): boolean {
  const sellerCountry = request.seller.country;
  return (
    sellerCountry !== null &&
    sellerCountry !== customerCountry &&
    isEuMemberState(sellerCountry) &&
    isEuMemberState(customerCountry) &&
    isBusinessIn(customerCountry, request.customer.taxIds)
  );
}

/** The table's quote; `rates` are the customer country's rates that are not archived. */
export function quoteFromTable(request: TaxRequest, rates: readonly TableRate[]): TaxQuote {
  const country = request.customer.country;
  if (country === null) return noTax();
  const countryRates = rates.filter((rate) => rate.country === country);
  const region = normalizeRegion(country, request.customer.region);
  const rate =
    (region === null ? undefined : rateInForce(countryRates, region, request.issuedAt)) ??
    rateInForce(countryRates, null, request.issuedAt);
  if (rate === undefined) return noTax();
  if (rate.reverseChargeEligible && qualifiesForReverseCharge(request, country)) return reverseChargeQuote();
  return {
    percent: rate.percent,
    inclusive: rate.inclusive,
    reverseCharge: false,
    components: [
      {
        name: rate.name,
        percent: rate.percent,
        jurisdiction: rate.region === null ? rate.country : `${rate.country}-${rate.region}`,
      },
    ],
    exemptionReason: null,
    note: null,
  };
}
