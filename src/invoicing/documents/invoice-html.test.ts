import { describe, expect, it } from "vitest";
import { InvoiceDocumentError } from "./document-presentation.ts";
import { renderInvoiceHtml } from "./invoice-html.ts";
import { sampleCreditNote, sampleInvoiceDocument } from "./sample-documents.ts";

const NBSP = "\u00a0";

/** The page's text as a reader sees it: tags dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&")
    .replace(/[ \t\r\n]+/g, " ");
}

describe("renderInvoiceHtml", () => {
  it("escapes hostile text wherever it appears", () => {
    const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)>'&`;
    const html = renderInvoiceHtml(
      sampleInvoiceDocument({
        number: hostile,
        memo: hostile,
        buyer: {
          ...sampleInvoiceDocument().buyer,
          name: hostile,
          taxIds: [{ type: hostile, value: hostile }],
        },
        lines: [{ ...sampleInvoiceDocument().lines[0]!, description: hostile, explanation: [hostile] }],
        discounts: [{ label: hostile, amount: "2.79" }],
      }),
    );
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&amp;",
    );
    expect(visibleText(html)).toContain(`Invoice ${hostile}`);
  });

  it("is a complete page in the customer's language, with a titled table and a print stylesheet", () => {
    const html = renderInvoiceHtml(sampleInvoiceDocument());
    expect(html.startsWith('<!doctype html>\n<html lang="de-DE">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("<title>Invoice INV-2025-000042</title>");
    expect(html).toContain("<caption>Invoice lines</caption>");
    expect(html.match(/<th scope="col"/g)).toHaveLength(4);
    expect(html.match(/<th scope="row">Pro plan/g)).toHaveLength(1);
    expect(html).toContain("@media print");
    expect(html).toContain("thead { display: table-header-group; }");
    expect(html).toMatch(/<\/html>\n$/);
  });

  it("formats amounts, percentages and dates in the customer's locale and time zone", () => {
    const text = visibleText(renderInvoiceHtml(sampleInvoiceDocument()));
    expect(text).toContain(`Subtotal 27,87${NBSP}€`);
    expect(text).toContain(`Launch coupon, 10 % -2,79${NBSP}€`);
    expect(text).toContain(`Credits applied -5,00${NBSP}€`);
    expect(text).toContain(`VAT 0${NBSP}% 0,00${NBSP}€`);
    expect(text).toContain(`Amount due 20,08${NBSP}€`);
    expect(text).toContain(`Unit price Amount Pro plan`);
    expect(text).toContain(`1 49,00${NBSP}€ 26,87${NBSP}€`);
    expect(text).toContain(`1.500 1,00${NBSP}€`);
    // Issued at 2025-01-31T23:00Z: already 1 February in Berlin.
    expect(text).toContain("Issue date 1. Februar 2025");
    expect(text).toContain("Due date 15. Februar 2025");
    // The billing period ends exclusively at 1 February 00:00; the last day billed is 31 January.
    expect(text).toContain("Billing period 01.–31.01.2025");
    expect(text).toContain("Polen");
    expect(text).toContain("VAT: PL7251234567");
  });

  it("prints the same instant as the previous day for a customer in New York", () => {
    const text = visibleText(
      renderInvoiceHtml(
        sampleInvoiceDocument({ locale: "en-US", timeZone: "America/New_York", currency: "USD" }),
      ),
    );
    expect(text).toContain("Issue date January 31, 2025");
    expect(text).toContain("Amount due $20.08");
    expect(text).toContain("Poland");
  });

  it("says when the tax is included in the prices, and writes addresses the country's way", () => {
    const document = sampleInvoiceDocument({
      locale: "en-US",
      timeZone: "America/Chicago",
      currency: "USD",
      tax: { label: "Sales tax", percent: "8.875", inclusive: true, note: null },
      totals: { ...sampleInvoiceDocument().totals, tax: "1.63" },
      buyer: {
        name: "Springfield Analytics",
        email: null,
        address: {
          line1: "1 Main St",
          city: "Springfield",
          region: "IL",
          postalCode: "62701",
          country: "US",
        },
        taxIds: [{ type: "us_ein", value: "12-3456789" }],
      },
    });
    const text = visibleText(renderInvoiceHtml(document));
    expect(text).toContain("Includes Sales tax 8.875% $1.63");
    expect(text).toContain("1 Main St Springfield, IL 62701 United States EIN: 12-3456789");
    expect(text).not.toContain("Reverse charge");
  });

  it("names a tax number saved without its kind as a tax ID, never as a code", () => {
    const seller = { ...sampleInvoiceDocument().seller, taxIds: [{ type: "tax_id", value: "IE6388047V" }] };
    const text = visibleText(renderInvoiceHtml(sampleInvoiceDocument({ seller })));
    expect(text).toContain("Tax ID: IE6388047V");
    expect(text).not.toContain("tax_id");
  });

  it("shows every line's explanation under it", () => {
    const html = renderInvoiceHtml(sampleInvoiceDocument());
    expect(html).toContain(
      '<ul class="explanation"><li>Fixed charge, in advance</li><li>Prorated 17/31 days</li><li>Price version plv_pro_3</li></ul>',
    );
    expect(visibleText(html)).toContain("Graduated: 1,000 × 0.00 + 500 × 0.002");
  });

  it("shows the reverse-charge note and the memo", () => {
    const text = visibleText(renderInvoiceHtml(sampleInvoiceDocument({ memo: "Line one\nLine two" })));
    expect(text).toContain("Reverse charge: VAT to be accounted for by the recipient");
    expect(renderInvoiceHtml(sampleInvoiceDocument({ memo: "Line one\nLine two" }))).toContain(
      "Line one<br>Line two",
    );
  });

  it("marks a draft with a watermark and no number", () => {
    const html = renderInvoiceHtml(sampleInvoiceDocument({ number: null, status: "draft" }));
    expect(html).toContain('<div class="watermark" aria-hidden="true"><span>Draft</span></div>');
    expect(html).toContain("<title>Draft invoice</title>");
    expect(visibleText(html)).toContain("Invoice number Draft, not yet numbered");
    expect(renderInvoiceHtml(sampleInvoiceDocument())).not.toContain('class="watermark"');
  });

  it("marks a void invoice", () => {
    const html = renderInvoiceHtml(sampleInvoiceDocument({ status: "void" }));
    expect(html).toContain("<span>Void</span>");
  });

  it("words a credit note as one, with the invoice it corrects and why", () => {
    const html = renderInvoiceHtml(sampleCreditNote());
    const text = visibleText(html);
    expect(html).toContain("<title>Credit note CN-2025-000007</title>");
    expect(html).toContain("<caption>Credited lines</caption>");
    expect(text).toContain("Credit note number CN-2025-000007");
    expect(text).toContain("Corrects invoice INV-2025-000042");
    expect(text).toContain("Reason: Duplicate usage import on 3 January");
    expect(text).toContain(`Amount credited 1,00${NBSP}€`);
    expect(text).not.toMatch(/\bInvoice number\b/);
  });

  it("shows the amount paid when it is known", () => {
    const document = sampleInvoiceDocument();
    const text = visibleText(
      renderInvoiceHtml({ ...document, totals: { ...document.totals, amountPaid: "20.08" } }),
    );
    expect(text).toContain(`Amount paid 20,08${NBSP}€`);
  });

  it("names the field it cannot read", () => {
    const document = sampleInvoiceDocument();
    const broken = { ...document, lines: [document.lines[0]!, { ...document.lines[1]!, amount: "1,00" }] };
    expect(() => renderInvoiceHtml(broken)).toThrow(InvoiceDocumentError);
    expect(() => renderInvoiceHtml(broken)).toThrow("$.lines[1].amount");
    expect(() => renderInvoiceHtml({ ...document, timeZone: "Mars/Olympus" })).toThrow("$.timeZone");
    expect(() => renderInvoiceHtml({ ...document, currency: "EURO" })).toThrow("$.currency");
    expect(() => renderInvoiceHtml({ ...document, issuedAt: "yesterday" })).toThrow("$.issuedAt");
  });
});
