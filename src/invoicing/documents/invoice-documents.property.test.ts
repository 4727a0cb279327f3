import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DocumentLine, DocumentParty, InvoiceDocument } from "./invoice-document.ts";
import { renderInvoiceHtml } from "./invoice-html.ts";
import { renderInvoicePdf } from "./invoice-pdf.ts";
import { readPdfText } from "./pdf-text.ts";

// Any code point, lone surrogates and control characters included: names,
// memos and descriptions come from customers and operators.
const anyText = fc.string({ unit: "binary", maxLength: 60 });

const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 4 }))
  .map(([negative, units, places]) => {
    const digits = units.toString().padStart(places + 1, "0");
    const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
    return negative ? `-${text}` : text;
  });

const instant = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((date) => date.toISOString());

const party: fc.Arbitrary<DocumentParty> = fc.record({
  name: anyText,
  email: fc.option(anyText),
  address: fc.option(
    fc.record(
      {
        line1: anyText,
        line2: anyText,
        city: anyText,
        region: anyText,
        postalCode: anyText,
        country: fc.oneof(fc.constantFrom("DE", "US", "GB", "PL", "JP", "CA"), anyText),
      },
      { requiredKeys: [] },
    ),
  ),
  taxIds: fc.array(fc.record({ type: anyText, value: anyText }), { maxLength: 3 }),
});

const line: fc.Arbitrary<DocumentLine> = fc.record({
  description: anyText,
  periodStart: fc.option(instant),
  periodEnd: fc.option(instant),
  quantity: decimal,
  unitAmount: fc.option(decimal),
  amount: decimal,
  explanation: fc.array(anyText, { maxLength: 5 }),
});

const invoiceDocument: fc.Arbitrary<InvoiceDocument> = fc.record({
  kind: fc.constantFrom("invoice", "credit_note"),
  number: fc.option(anyText),
  status: anyText,
  issuedAt: instant,
  dueAt: fc.option(instant),
  periodStart: fc.option(instant),
  periodEnd: fc.option(instant),
  currency: fc.constantFrom("EUR", "USD", "JPY", "BHD", "PLN", "INR"),
  locale: fc.constantFrom("de-DE", "en-US", "pl-PL", "ja-JP", "ar-EG", "en-IN", "fr-CH", "he-IL"),
  timeZone: fc.constantFrom("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC"),
  seller: party,
  buyer: party,
  lines: fc.array(line, { maxLength: 6 }),
  totals: fc.record(
    {
      subtotal: decimal,
      discount: decimal,
      credits: decimal,
      tax: decimal,
      total: decimal,
      balanceApplied: decimal,
      amountDue: decimal,
      amountPaid: decimal,
    },
    { requiredKeys: ["subtotal", "discount", "credits", "tax", "total", "balanceApplied", "amountDue"] },
  ),
  discounts: fc.array(fc.record({ label: anyText, amount: decimal }), { maxLength: 3 }),
  tax: fc.option(
    fc.record({ label: anyText, percent: decimal, inclusive: fc.boolean(), note: fc.option(anyText) }),
  ),
  memo: fc.option(anyText),
  relatedInvoiceNumber: fc.option(anyText),
  reason: fc.option(anyText),
});

/** Every "<" in the page opens one of the renderer's own tags: no text got through unescaped. */
const OWN_TAG =
  /<(?!!doctype html>|\/?(?:html|head|meta|title|style|body|main|div|span|header|h1|h2|dl|dt|dd|section|p|br|table|caption|thead|tbody|tr|th|td|ul|li|footer|strong)[ >])/;

describe("invoice documents with arbitrary text", () => {
  it("render as HTML with all of it escaped", () => {
    fc.assert(
      fc.property(invoiceDocument, (document) => {
        const html = renderInvoiceHtml(document);
        expect(html.startsWith("<!doctype html>")).toBe(true);
        expect(html.endsWith("</html>\n")).toBe(true);
        expect(html).not.toMatch(OWN_TAG);
        expect(html.isWellFormed()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("render as PDF", async () => {
    await fc.assert(
      fc.asyncProperty(invoiceDocument, async (document) => {
        const pdf = await renderInvoicePdf(document);
        expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
        const pages = readPdfText(pdf);
        expect(pages.length).toBeGreaterThanOrEqual(1);
        expect(pages.at(-1)!.at(-1)).toMatch(new RegExp(`Page ${pages.length} of ${pages.length}$`));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
