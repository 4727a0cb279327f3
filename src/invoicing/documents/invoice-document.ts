// What an invoice or credit note document shows, as plain data: the view
// model the HTML and PDF renderers lay out. Invoicing builds it from a stored
// invoice (its party snapshots, lines and totals); nothing here reads a
// database or a clock, so a document renders the same today and in ten years.
//
// Amounts are decimal strings as stored ("1234.50", "-12.00", "0.0025" for a
// unit price), in the currency's major unit with its minor digits; instants are
// RFC 3339 strings ("2025-02-01T00:00:00.000Z"). The renderers format both in
// the customer's locale and time zone and never pass an amount through a float.

export type DocumentParty = {
  name: string;
  email: string | null;
  address: {
    line1?: string;
    line2?: string;
    city?: string;
    region?: string;
    postalCode?: string;
    /** ISO 3166-1 alpha-2 ("DE"), printed as the country's name in the document's locale. */
    country?: string;
  } | null;
  taxIds: { type: string; value: string }[];
};

export type DocumentLine = {
  description: string;
  periodStart: string | null;
  periodEnd: string | null;
  quantity: string;
  unitAmount: string | null;
  amount: string;
  /**
   * Lines of text: meter, event count, tier breakdown ("1,000 × 0.00 + 500 × 0.002"),
   * proration factor ("17/31 days"), price version.
   */
  explanation: string[];
  /** On a consolidated invoice: the account whose section the line opens (a heading is printed before it). */
  sectionHeading?: string;
};

export type InvoiceDocument = {
  kind: "invoice" | "credit_note";
  /** Null on a draft, which renders with a "Draft" watermark. Shown exactly as given. */
  number: string | null;
  status: string;
  issuedAt: string;
  dueAt: string | null;
  periodStart: string | null;
  /** Exclusive, as billing periods are: a period ending 2025-02-01T00:00 prints as ending on 31 January. */
  periodEnd: string | null;
  /** ISO 4217. */
  currency: string;
  /** BCP 47, the customer's. */
  locale: string;
  /** IANA, the customer's: dates print as the customer's calendar shows them. */
  timeZone: string;
  seller: DocumentParty;
  buyer: DocumentParty;
  lines: DocumentLine[];
  /** Discount, credits and balanceApplied are positive amounts taken off; they print with a minus sign. */
  totals: {
    subtotal: string;
    discount: string;
    credits: string;
    tax: string;
    total: string;
    balanceApplied: string;
    amountDue: string;
    amountPaid?: string;
  };
  discounts: { label: string; amount: string }[];
  /** `note` carries the reverse-charge or exemption wording the law asks for. */
  tax: { label: string; percent: string; inclusive: boolean; note: string | null } | null;
  memo: string | null;
  /** Credit notes: the number of the invoice corrected. */
  relatedInvoiceNumber: string | null;
  /** Credit notes: why the invoice was corrected. */
  reason: string | null;
  /** How to pay the seller (a billing entity's bank details), printed after the totals. */
  paymentInstructions?: string | null;
  /** The seller's own footer (a billing entity's branding), printed last. */
  sellerFooter?: string | null;
};
