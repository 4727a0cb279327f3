// What a tax provider is asked and what it answers: the contract between
// invoicing and whichever provider an environment uses (the built-in table or
// an external calculator over HTTP), and the few quotes every provider gives
// the same way.
import { type Decimal, ZERO } from "../core/index.ts";

export type TaxRequest = {
  /** The seller's profile, which invoicing holds. */
  seller: { country: string | null; region: string | null; taxId: string | null };
  /** Country and region (state, province) of the customer's address, and its tax id values. */
  customer: { id: string; country: string | null; region: string | null; taxIds: string[] };
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
