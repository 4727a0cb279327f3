// What a tax provider is asked and what it answers: the contract between
// invoicing and whichever provider an environment uses (the built-in table or
// an external calculator over HTTP), and the few quotes every provider gives
// the same way.
import { type Decimal, ZERO } from "../core/index.ts";
import type { BillingAddress } from "../customers/index.ts";

export type TaxRequest = {
  /** The seller's profile, which invoicing holds. */
  seller: {
    country: string | null;
    region: string | null;
    taxId: string | null;
    address?: PostalAddress | null;
  };
  /** Country and region (state, province) of the customer's address, and its tax id values. */
  customer: {
    id: string;
    country: string | null;
    region: string | null;
    taxIds: string[];
    /** The whole billing address and the tax ids with their types, for tax engines that locate by address. */
    address?: PostalAddress | null;
    typedTaxIds?: { type: string; value: string }[];
  };
  currency: string;
  issuedAt: Date;
};

export type TaxQuote = {
  /** Percent of the taxable amount, the sum of the components. */
  percent: Decimal;
  /** The prices already include the tax (billing rule 23). */
  inclusive: boolean;
  /** The customer accounts for the tax itself; `percent` is 0 and `note` says why. */
  reverseCharge: boolean;
  /** The taxes that make up `percent`, for the invoice: `{ name: "VAT", percent: 19, jurisdiction: "DE" }`. */
  components: { name: string; percent: Decimal; jurisdiction: string }[];
  /** Why the customer pays no tax, when it is exempt. */
  exemptionReason: string | null;
  /** A sentence the invoice must carry (reverse charge, exemption). */
  note: string | null;
};

export type TaxProvider = { quote(request: TaxRequest): Promise<TaxQuote> };

/** A postal address as customers and sellers hold it: the customers' billing address. */
export type PostalAddress = BillingAddress;

/**
 * A finalized invoice as a tax engine records it for filing: its net lines
 * (before tax) and the tax Fairbill's engine computed with the engine's rate.
 * Amounts are decimal strings in the invoice's currency.
 */
export type TaxableInvoice = {
  id: string;
  number: string;
  currency: string;
  issuedAt: string;
  sellerAddress: PostalAddress | null;
  customer: {
    id: string;
    name: string;
    address: PostalAddress | null;
    taxIds: { type: string; value: string }[];
  };
  lines: { reference: string; description: string; amount: string }[];
  /** What the tax was computed on (the lines less discounts), as the engine in src/core settled it. */
  taxableAmount: string;
  taxTotal: string;
};

/**
 * A provider that also keeps the seller's tax records (Stripe Tax, AvaTax):
 * each finalized invoice is recorded once, and reversed when it is voided.
 */
export type TaxEngine = TaxProvider & {
  /** Records the invoice; the same invoice recorded again gives back the same record. Returns the engine's id. */
  record(invoice: TaxableInvoice): Promise<string>;
  /** Reverses a recorded invoice in full; reversing it again changes nothing. */
  reverse(invoice: TaxableInvoice, externalId: string): Promise<void>;
  /** Whether the engine can locate an address for tax, with what it would correct. */
  validateAddress(address: PostalAddress): Promise<AddressValidation>;
};

export type AddressValidation = {
  valid: boolean;
  /** The address as the engine would have it (corrected case, full postal code), when it resolved it. */
  resolved: PostalAddress | null;
  messages: string[];
};

export const reverseChargeNote =
  "Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC)";

/** No tax applies: no rate for the customer's place, or no place known. */
export function noTax(): TaxQuote {
  return {
    percent: ZERO,
    inclusive: false,
    reverseCharge: false,
    components: [],
    exemptionReason: null,
    note: null,
  };
}

export function exemptQuote(exemption: { reason: string; certificateId: string | null }): TaxQuote {
  const certificate = exemption.certificateId === null ? "" : ` (certificate ${exemption.certificateId})`;
  return {
    ...noTax(),
    exemptionReason: exemption.reason,
    note: `Tax exempt: ${exemption.reason}${certificate}`,
  };
}

export function reverseChargeQuote(): TaxQuote {
  return { ...noTax(), reverseCharge: true, note: reverseChargeNote };
}
