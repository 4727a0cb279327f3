// Hand-built documents for the renderers' tests: a January invoice from a
// Berlin seller to a buyer in Łódź, billed in the buyer's calendar.
import type { DocumentLine, InvoiceDocument } from "./invoice-document.ts";

// January 2025 in Europe/Berlin: 1 January 00:00 CET to 1 February 00:00 CET.
const JANUARY_START = "2024-12-31T23:00:00.000Z";
const JANUARY_END = "2025-01-31T23:00:00.000Z";

/** January's 1,500 API calls: the whole account's, or one workspace's when `workspace` is given. */
export function sampleLine(workspace?: number): DocumentLine {
  return {
    description: workspace === undefined ? "API calls" : `API calls, workspace ${workspace}`,
    periodStart: JANUARY_START,
    periodEnd: JANUARY_END,
    quantity: "1500",
    unitAmount: null,
    amount: "1.00",
    explanation: [
      `Meter api_calls: 1,500 events${workspace === undefined ? "" : ` in workspace ${workspace}`}`,
      "Graduated: 1,000 × 0.00 + 500 × 0.002",
      "Price version plv_pro_3",
    ],
  };
}

export function sampleInvoiceDocument(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    kind: "invoice",
    number: "INV-2025-000042",
    status: "open",
    issuedAt: JANUARY_END,
    dueAt: "2025-02-14T23:00:00.000Z",
    periodStart: JANUARY_START,
    periodEnd: JANUARY_END,
    currency: "EUR",
    locale: "de-DE",
    timeZone: "Europe/Berlin",
    seller: {
      name: "Fairbill GmbH",
      email: "billing@fairbill.example",
      address: { line1: "Torstraße 1", city: "Berlin", postalCode: "10119", country: "DE" },
      taxIds: [{ type: "eu_vat", value: "DE123456789" }],
    },
    buyer: {
      name: "Łódź Software sp. z o.o.",
      email: "faktury@lodz-software.example",
      address: { line1: "ul. Piotrkowska 1", city: "Łódź", postalCode: "90-001", country: "PL" },
      taxIds: [{ type: "eu_vat", value: "PL7251234567" }],
    },
    lines: [
      {
        description: "Pro plan",
        periodStart: "2025-01-14T23:00:00.000Z",
        periodEnd: JANUARY_END,
        quantity: "1",
        unitAmount: "49.00",
        amount: "26.87",
        explanation: ["Fixed charge, in advance", "Prorated 17/31 days", "Price version plv_pro_3"],
      },
      sampleLine(),
    ],
    totals: {
      subtotal: "27.87",
      discount: "2.79",
      credits: "5.00",
      tax: "0.00",
      total: "20.08",
      balanceApplied: "0.00",
      amountDue: "20.08",
    },
    discounts: [{ label: "Launch coupon, 10 %", amount: "2.79" }],
    tax: {
      label: "VAT",
      percent: "0",
      inclusive: false,
      note: "Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC).",
    },
    memo: "Thank you for your business.",
    relatedInvoiceNumber: null,
    reason: null,
    ...overrides,
  };
}

export function sampleCreditNote(): InvoiceDocument {
  return sampleInvoiceDocument({
    kind: "credit_note",
    number: "CN-2025-000007",
    status: "issued",
    dueAt: null,
    lines: [
      {
        description: "API calls billed twice",
        periodStart: JANUARY_START,
        periodEnd: JANUARY_END,
        quantity: "1",
        unitAmount: null,
        amount: "1.00",
        explanation: ["Corrects line 2 of INV-2025-000042"],
      },
    ],
    totals: {
      subtotal: "1.00",
      discount: "0.00",
      credits: "0.00",
      tax: "0.00",
      total: "1.00",
      balanceApplied: "0.00",
      amountDue: "1.00",
    },
    discounts: [],
    relatedInvoiceNumber: "INV-2025-000042",
    reason: "Duplicate usage import on 3 January",
    memo: null,
  });
}
