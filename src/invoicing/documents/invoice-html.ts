// An invoice or credit note as one self-contained, printable HTML page: no
// script, no external resource, every piece of text escaped. The table of
// lines has a caption and header cells so that a screen reader announces each
// amount with its column; printing repeats the header row on every page.
import { escapeHtml } from "../../platform/html-escape.ts";
import { type PresentedParty, type PresentedTotal, presentInvoiceDocument } from "./document-presentation.ts";
import type { InvoiceDocument } from "./invoice-document.ts";

/** Line breaks a writer typed into a memo or an address stay line breaks. */
function escapeMultiline(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, "<br>");
}

const STYLESHEET = `
:root { color: #1f2328; font: 14px/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
body { margin: 0; background: #f4f5f7; }
main { position: relative; max-width: 820px; margin: 24px auto; padding: 40px 48px; background: #fff;
  box-shadow: 0 1px 3px rgb(0 0 0 / 12%); }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin: 0 0 4px; font-size: 12px; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase;
  color: #57606a; }
.masthead { display: flex; justify-content: space-between; gap: 32px; margin-bottom: 28px; }
.facts { display: grid; grid-template-columns: auto auto; gap: 2px 16px; margin: 0; align-content: start; }
.facts dt { color: #57606a; }
.facts dd { margin: 0; text-align: end; }
.parties { display: grid; grid-template-columns: 1fr 1fr; gap: 32px; margin-bottom: 28px; }
.party p { margin: 0; }
.party .name { font-weight: 600; }
.reason { margin: 0 0 24px; }
table { width: 100%; border-collapse: collapse; }
caption { text-align: start; font-weight: 600; padding-bottom: 6px; }
th, td { padding: 6px 8px; vertical-align: top; }
thead th { border-bottom: 2px solid #1f2328; text-align: start; font-size: 12px; color: #57606a; }
tbody td, tbody th { border-bottom: 1px solid #d0d7de; }
tbody th { font-weight: normal; text-align: start; }
.number { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
.period { display: block; color: #57606a; font-size: 12px; }
.explanation { margin: 4px 0 0; padding: 0; list-style: none; color: #57606a; font-size: 11px; }
.totals { width: auto; min-width: 50%; margin: 20px 0 0 auto; }
.totals th { text-align: start; font-weight: normal; }
.totals td, .totals th { border: none; padding: 3px 8px; }
.totals .emphasized th, .totals .emphasized td { font-weight: 600; border-top: 1px solid #d0d7de; }
.totals .amount-due th, .totals .amount-due td { font-size: 17px; font-weight: 700; border-top: 2px solid #1f2328; }
.tax-note, .memo { margin: 20px 0 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
footer { margin-top: 32px; color: #57606a; font-size: 11px; }
.watermark { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  pointer-events: none; overflow: hidden; }
.watermark span { transform: rotate(-30deg); font-size: 120px; font-weight: 700; letter-spacing: 0.1em;
  color: rgb(207 34 46 / 12%); text-transform: uppercase; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  :root { font-size: 10pt; }
  body { background: none; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; position: static; }
  thead { display: table-header-group; }
  tr, .totals, .parties { break-inside: avoid; }
  .watermark { position: fixed; }
}
`;

function partyHtml(party: PresentedParty): string {
  const lines = party.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("");
  return `<section class="party" aria-label="${escapeHtml(party.heading)}"><h2>${escapeHtml(party.heading)}</h2><p class="name">${escapeHtml(party.name)}</p>${lines}</section>`;
}

function totalRowHtml(total: PresentedTotal, className: string | null): string {
  const classAttribute = className === null ? "" : ` class="${className}"`;
  return `<tr${classAttribute}><th scope="row">${escapeHtml(total.label)}</th><td class="number">${escapeHtml(total.value)}</td></tr>`;
}

/** The whole page, `<!doctype html>` to `</html>`, in the customer's language. */
export function renderInvoiceHtml(document: InvoiceDocument): string {
  const presented = presentInvoiceDocument(document);
  const headings = presented.columnHeadings;

  const facts = presented.facts
    .map((fact) => `<dt>${escapeHtml(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd>`)
    .join("");
  const rows = presented.lines
    .map((line) => {
      const period = line.period === null ? "" : `<span class="period">${escapeHtml(line.period)}</span>`;
      const explanation =
        line.explanation.length === 0
          ? ""
          : `<ul class="explanation">${line.explanation.map((text) => `<li>${escapeHtml(text)}</li>`).join("")}</ul>`;
      const heading =
        line.sectionHeading === null
          ? ""
          : `<tr class="section"><th colspan="4" scope="rowgroup">${escapeHtml(line.sectionHeading)}</th></tr>`;
      return `${heading}<tr><th scope="row">${escapeHtml(line.description)}${period}${explanation}</th><td class="number">${escapeHtml(line.quantity)}</td><td class="number">${escapeHtml(line.unitAmount)}</td><td class="number">${escapeHtml(line.amount)}</td></tr>`;
    })
    .join("\n");
  const totals = [
    ...presented.totals.map((total) => totalRowHtml(total, total.emphasized ? "emphasized" : null)),
    totalRowHtml(presented.amountDue, "amount-due"),
    ...(presented.amountPaid === null ? [] : [totalRowHtml(presented.amountPaid, null)]),
  ].join("");
  const watermark =
    presented.watermark === null
      ? ""
      : `<div class="watermark" aria-hidden="true"><span>${escapeHtml(presented.watermark)}</span></div>`;
  const reason =
    presented.reason === null
      ? ""
      : `<p class="reason"><strong>Reason:</strong> ${escapeMultiline(presented.reason)}</p>`;
  const taxNote =
    presented.taxNote === null ? "" : `<p class="tax-note">${escapeMultiline(presented.taxNote)}</p>`;
  const memo = presented.memo === null ? "" : `<p class="memo">${escapeMultiline(presented.memo)}</p>`;
  const paymentInstructions =
    presented.paymentInstructions === null
      ? ""
      : `<p class="memo">${escapeMultiline(presented.paymentInstructions)}</p>`;
  const sellerFooter =
    presented.sellerFooter === null ? "" : `<p class="memo">${escapeMultiline(presented.sellerFooter)}</p>`;

  return `<!doctype html>
<html lang="${escapeHtml(presented.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(presented.title)}</title>
<style>${STYLESHEET}</style>
</head>
<body>
<main>
${watermark}
<header class="masthead">
<div><h1>${escapeHtml(presented.title)}</h1></div>
<dl class="facts">${facts}</dl>
</header>
<div class="parties">${partyHtml(presented.seller)}${partyHtml(presented.buyer)}</div>
${reason}
<table class="lines">
<caption>${escapeHtml(presented.linesCaption)}</caption>
<thead><tr><th scope="col">${escapeHtml(headings.description)}</th><th scope="col" class="number">${escapeHtml(headings.quantity)}</th><th scope="col" class="number">${escapeHtml(headings.unitAmount)}</th><th scope="col" class="number">${escapeHtml(headings.amount)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<table class="totals">
<caption class="visually-hidden">Totals</caption>
<tbody>${totals}</tbody>
</table>
${taxNote}
${memo}
${paymentInstructions}
${sellerFooter}
<footer>${escapeHtml(presented.footer)}</footer>
</main>
</body>
</html>
`;
}
