import { describe, expect, it } from "vitest";
import { renderInvoicePdf } from "./invoice-pdf.ts";
import { readPdfText } from "./pdf-text.ts";
import { sampleCreditNote, sampleInvoiceDocument, sampleLine } from "./sample-documents.ts";

const NBSP = "\u00a0";

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("latin1");
}

describe("renderInvoicePdf", () => {
  it("writes a PDF with the number, the parties, the lines, their explanations and the totals", async () => {
    const pdf = await renderInvoicePdf(sampleInvoiceDocument());
    expect(latin1(pdf.subarray(0, 5))).toBe("%PDF-");
    expect(latin1(pdf.subarray(-6)).trim()).toBe("%%EOF");

    const pages = readPdfText(pdf);
    expect(pages).toHaveLength(1);
    const lines = pages[0]!;
    expect(lines[0]).toBe("Invoice");
    expect(lines.slice(1, 3)).toEqual(["Invoice number", "INV-2025-000042"]);
    expect(lines).toContain("Issue date");
    expect(lines).toContain("1. Februar 2025");
    expect(lines).toContain("Łódź Software sp. z o.o.");
    expect(lines).toContain("90-001 Łódź");
    expect(lines).toContain("VAT: PL7251234567");
    expect(lines).toContain("Pro plan");
    expect(lines).toContain("15.–31.01.2025");
    expect(lines).toContain("Prorated 17/31 days");
    expect(lines).toContain("Graduated: 1,000 × 0.00 + 500 × 0.002");
    expect(lines).toContain(`26,87${NBSP}€`);
    expect(lines).toContain("Launch coupon, 10 %");
    expect(lines).toContain(`-2,79${NBSP}€`);
    expect(lines).toContain(`VAT 0${NBSP}%`);
    expect(lines).toContain("Amount due");
    expect(lines).toContain(`20,08${NBSP}€`);
    expect(lines).toContain(
      "Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC).",
    );
    expect(lines).toContain("Thank you for your business.");
    expect(lines).toContain("Invoice INV-2025-000042 · Page 1 of 1");
    // The explanation follows its line, in the line's order.
    expect(lines.indexOf("Fixed charge, in advance")).toBe(lines.indexOf("15.–31.01.2025") + 1);
  });

  it("embeds a font that has ł, ő, ň and € instead of relying on Helvetica", async () => {
    const name = "Księgowość Győr Plzeň — 100 €";
    const pdf = await renderInvoicePdf(
      sampleInvoiceDocument({ buyer: { ...sampleInvoiceDocument().buyer, name } }),
    );
    expect(readPdfText(pdf)[0]).toContain(name);
    const text = latin1(pdf);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(text).toContain("/FontFile2");
    expect(text).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it("breaks a 200-line invoice across pages, repeating the table header and keeping each line whole", async () => {
    const lines = Array.from({ length: 200 }, (_, index) => sampleLine(index + 1));
    const pdf = await renderInvoicePdf(sampleInvoiceDocument({ lines }));
    const pages = readPdfText(pdf);
    const pageCount = pages.length;

    // The file's page tree, what the reader above found and every footer agree.
    expect(latin1(pdf)).toMatch(new RegExp(`/Type /Pages\\s*/Count ${pageCount}\\b`));
    pages.forEach((page, index) => {
      expect(page).toContain(`Invoice INV-2025-000042 · Page ${index + 1} of ${pageCount}`);
    });

    // Each line once, in order, with its amount and its explanation on its own page.
    const rowsPerPage = pages.map(
      (page) => page.filter((text) => /^API calls, workspace \d+$/.test(text)).length,
    );
    const descriptions = pages.flat().filter((text) => text.startsWith("API calls, workspace "));
    expect(descriptions).toEqual(lines.map((line) => line.description));
    for (const page of pages) {
      for (const text of page.filter((entry) => entry.startsWith("API calls, workspace "))) {
        const position = text.slice("API calls, workspace ".length);
        expect(page).toContain(`Meter api_calls: 1,500 events in workspace ${position}`);
      }
    }

    // Every page after the first continues the table under its header.
    for (const page of pages.slice(1)) {
      expect(page.slice(0, 5)).toEqual([
        "Invoice INV-2025-000042 (continued)",
        "DESCRIPTION",
        "QUANTITY",
        "UNIT PRICE",
        "AMOUNT",
      ]);
    }

    // Full pages hold the same number of rows, and no page is wasted: the page
    // count is what the rows need, with the totals on the last page.
    const fullPage = rowsPerPage[1]!;
    expect(fullPage).toBeGreaterThan(rowsPerPage[0]!);
    expect(rowsPerPage.slice(1, -1).every((count) => count === fullPage)).toBe(true);
    expect(pageCount).toBe(1 + Math.ceil((200 - rowsPerPage[0]!) / fullPage));
    expect(pages.at(-1)).toContain("Amount due");
    expect(pageCount).toBeGreaterThan(10);
  });

  it("keeps a line's explanation going onto the next page when it is longer than a page", async () => {
    const explanation = Array.from({ length: 150 }, (_, index) => `Tier ${index + 1}: 10 × 0.01`);
    const pdf = await renderInvoicePdf(
      sampleInvoiceDocument({ lines: [{ ...sampleLine(1), explanation }, sampleLine(2)] }),
    );
    const text = readPdfText(pdf).flat();
    expect(text.filter((entry) => entry.startsWith("Tier "))).toEqual(explanation);
    expect(text).toContain("API calls, workspace 2");
  });

  it("lets a description or memo longer than a page flow over as many pages as it needs", async () => {
    const words = Array.from({ length: 3000 }, (_, index) => `word${index}`).join(" ");
    const pdf = await renderInvoicePdf(
      sampleInvoiceDocument({
        lines: [{ ...sampleLine(1), description: words }, sampleLine(2)],
        memo: words,
      }),
    );
    const pages = readPdfText(pdf);
    expect(pages.length).toBeGreaterThan(4);
    pages.forEach((page, index) => {
      expect(page.filter((text) => text.includes(" · Page "))).toEqual([
        `Invoice INV-2025-000042 · Page ${index + 1} of ${pages.length}`,
      ]);
    });
    const text = pages.flat().join(" ");
    expect(text.split("word2999")).toHaveLength(3);
    expect(text).toContain("API calls, workspace 2");
  });

  it("renders a credit note with the invoice it corrects and the reason", async () => {
    const lines = readPdfText(await renderInvoicePdf(sampleCreditNote())).flat();
    expect(lines[0]).toBe("Credit note");
    expect(lines.slice(1, 3)).toEqual(["Credit note number", "CN-2025-000007"]);
    expect(lines).toContain("Corrects invoice");
    expect(lines).toContain("INV-2025-000042");
    expect(lines).toContain("Reason: Duplicate usage import on 3 January");
    expect(lines).toContain("Amount credited");
    expect(lines).toContain("CREDITED TO");
  });

  it("puts a draft watermark on every page of an unnumbered invoice", async () => {
    const lines = Array.from({ length: 40 }, (_, index) => sampleLine(index + 1));
    const pages = readPdfText(await renderInvoicePdf(sampleInvoiceDocument({ number: null, lines })));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain("DRAFT");
    expect(pages[0]).toContain("Draft invoice");
  });

  it("gives the same bytes for the same document, whenever it is rendered", async () => {
    const first = await renderInvoicePdf(sampleInvoiceDocument());
    const second = await renderInvoicePdf(sampleInvoiceDocument());
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(latin1(first)).toContain("(Invoice INV-2025-000042)");
  });
});
