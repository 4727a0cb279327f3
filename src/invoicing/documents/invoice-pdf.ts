// An invoice or credit note as an A4 PDF, laid out with pdfkit: the seller
// and buyer, the number and dates, the lines with their explanations in
// smaller type, discounts, tax, totals and the amount due. Long invoices
// break across pages with the table header repeated; every page carries the
// document's title and "Page n of N".
// Fonts, inks and the page layout are pdf-layout.ts's.
import { parseInstant } from "../../core/index.ts";
import {
  type PresentedDocument,
  type PresentedLine,
  type PresentedTotal,
  presentInvoiceDocument,
} from "./document-presentation.ts";
import type { InvoiceDocument } from "./invoice-document.ts";
import {
  BOLD,
  FOOTER_HEIGHT,
  INK,
  MARGIN,
  MUTED,
  PdfLayout,
  REGULAR,
  renderA4Pdf,
  type TextStyle,
} from "./pdf-layout.ts";

const WATERMARK = "#cf222e";

const SIZE = { title: 20, body: 9, small: 7.5, explanation: 7, heading: 7.5, amountDue: 12, footer: 7 };

/** Columns of the lines table, left to right, filling the 495 points between the margins. */
const COLUMNS = {
  description: { x: MARGIN, width: 245 },
  quantity: { x: MARGIN + 250, width: 70 },
  unitAmount: { x: MARGIN + 325, width: 80 },
  amount: { x: MARGIN + 410, width: 85 },
};
const TOTALS = { label: { x: MARGIN + 225, width: 135 }, value: { x: MARGIN + 360, width: 135 } };
const ROW_PADDING = 4;

/** The page being filled, and the document it is filled with. */
class PageLayout extends PdfLayout {
  readonly presented: PresentedDocument;

  constructor(document: PDFKit.PDFDocument, presented: PresentedDocument) {
    super(document, presented.title);
    this.presented = presented;
  }
}

function drawMasthead(layout: PageLayout): void {
  const { presented } = layout;
  const top = layout.y;
  const titleBottom = layout.write(presented.heading, MARGIN, 250, { font: BOLD, size: SIZE.title }, top);
  let factsY = top;
  for (const fact of presented.facts) {
    const labelBottom = layout.write(fact.label, MARGIN + 265, 95, { size: SIZE.body, color: MUTED }, factsY);
    const valueBottom = layout.write(
      fact.value,
      MARGIN + 360,
      135,
      { size: SIZE.body, align: "right" },
      factsY,
    );
    factsY = Math.max(labelBottom, valueBottom) + 2;
  }
  layout.y = Math.max(titleBottom, factsY) + 24;
}

function drawParties(layout: PageLayout): void {
  const { presented } = layout;
  const columnWidth = (layout.contentWidth - 25) / 2;
  const drawParty = (party: PresentedDocument["seller"], x: number) => {
    const headingStyle = { font: BOLD, size: SIZE.heading, color: MUTED } as const;
    let y = layout.write(party.heading.toUpperCase(), x, columnWidth, headingStyle, layout.y) + 3;
    y = layout.write(party.name, x, columnWidth, { font: BOLD, size: 10 }, y) + 1;
    for (const line of party.lines) y = layout.write(line, x, columnWidth, { size: SIZE.body }, y);
    return y;
  };
  const sellerBottom = drawParty(presented.seller, MARGIN);
  const buyerBottom = drawParty(presented.buyer, MARGIN + columnWidth + 25);
  layout.y = Math.max(sellerBottom, buyerBottom) + 20;
}

function drawReason(layout: PageLayout, reason: string): void {
  const text = `Reason: ${reason}`;
  layout.ensureSpace(layout.measure(text, layout.contentWidth, { size: SIZE.body }));
  layout.y = layout.write(text, MARGIN, layout.contentWidth, { size: SIZE.body }) + 16;
}

function drawTableHeader(layout: PageLayout): void {
  const headings = layout.presented.columnHeadings;
  const style = { font: BOLD, size: SIZE.heading, color: MUTED } as const;
  const cells: [string, { x: number; width: number }, "left" | "right"][] = [
    [headings.description, COLUMNS.description, "left"],
    [headings.quantity, COLUMNS.quantity, "right"],
    [headings.unitAmount, COLUMNS.unitAmount, "right"],
    [headings.amount, COLUMNS.amount, "right"],
  ];
  let bottom = layout.y;
  for (const [text, column, align] of cells) {
    bottom = Math.max(bottom, layout.write(text.toUpperCase(), column.x, column.width, { ...style, align }));
  }
  layout.y = bottom + 3;
  layout.rule(layout.y, { color: INK, width: 1 });
  layout.y += ROW_PADDING;
}

function drawLine(layout: PageLayout, line: PresentedLine): void {
  const body = { size: SIZE.body } as const;
  const numbers: [string, { x: number; width: number }][] = [
    [line.quantity, COLUMNS.quantity],
    [line.unitAmount, COLUMNS.unitAmount],
    [line.amount, COLUMNS.amount],
  ];
  const descriptionWidth = COLUMNS.description.width;
  const numbersHeight = Math.max(
    ...numbers.map(([text, column]) => layout.measure(text, column.width, body)),
  );
  const periodStyle = { size: SIZE.small, color: MUTED } as const;
  const headHeight =
    layout.measure(line.description, descriptionWidth, body) +
    (line.period === null ? 0 : layout.measure(line.period, descriptionWidth, periodStyle));
  const redrawHeader = () => drawTableHeader(layout);
  const explanationStyle = { size: SIZE.explanation, color: MUTED } as const;
  const explanationWidth = descriptionWidth - 8;
  const explanationHeights = line.explanation.map((text) =>
    layout.measure(text, explanationWidth, explanationStyle),
  );
  const rowHeight =
    Math.max(numbersHeight, headHeight) + explanationHeights.reduce((sum, height) => sum + height, 0);

  // A row stays on one page; only a row taller than a whole page (a very long
  // explanation) starts a page of its own and continues on the next one, under
  // a repeated header.
  layout.ensureSpace(rowHeight + 2 * ROW_PADDING, redrawHeader);
  const top = layout.y;
  const page = layout.document.page;
  for (const [text, column] of numbers)
    layout.write(text, column.x, column.width, { ...body, align: "right" }, top);
  layout.y = layout.write(line.description, COLUMNS.description.x, descriptionWidth, body, top);
  if (line.period !== null) {
    layout.y = layout.write(line.period, COLUMNS.description.x, descriptionWidth, periodStyle);
  }
  if (layout.document.page === page) layout.y = Math.max(layout.y, top + numbersHeight);
  line.explanation.forEach((text, index) => {
    layout.ensureSpace(explanationHeights[index]!, redrawHeader);
    layout.y = layout.write(text, COLUMNS.description.x + 8, explanationWidth, explanationStyle);
  });
  layout.y += ROW_PADDING;
  layout.rule(layout.y);
  layout.y += ROW_PADDING;
}

const TOTAL_ROW_GAP = 3;

function totalRowStyle(total: PresentedTotal, size: number): TextStyle {
  return { font: total.emphasized ? BOLD : REGULAR, size };
}

function totalRowHeight(layout: PageLayout, total: PresentedTotal, size: number): number {
  const style = totalRowStyle(total, size);
  return (
    Math.max(
      layout.measure(total.label, TOTALS.label.width, style),
      layout.measure(total.value, TOTALS.value.width, style),
    ) + TOTAL_ROW_GAP
  );
}

function drawTotalRow(layout: PageLayout, total: PresentedTotal, size: number): void {
  const style = totalRowStyle(total, size);
  const top = layout.y;
  const labelBottom = layout.write(total.label, TOTALS.label.x, TOTALS.label.width, style, top);
  const valueBottom = layout.write(
    total.value,
    TOTALS.value.x,
    TOTALS.value.width,
    { ...style, align: "right" },
    top,
  );
  layout.y = Math.max(labelBottom, valueBottom) + TOTAL_ROW_GAP;
}

function drawTotals(layout: PageLayout): void {
  const { presented } = layout;
  const rows: [PresentedTotal, number][] = [
    ...presented.totals.map((total): [PresentedTotal, number] => [total, SIZE.body]),
    [presented.amountDue, SIZE.amountDue],
    ...(presented.amountPaid === null ? [] : [[presented.amountPaid, SIZE.body] as [PresentedTotal, number]]),
  ];
  // The totals stay together, on the last page of lines when they fit there.
  const spacing = 8 + 4;
  layout.ensureSpace(rows.reduce((sum, [total, size]) => sum + totalRowHeight(layout, total, size), spacing));
  layout.y += 8;
  for (const total of presented.totals) {
    if (total.emphasized) layout.rule(layout.y - 2, { from: TOTALS.label.x });
    drawTotalRow(layout, total, SIZE.body);
  }
  layout.rule(layout.y, { from: TOTALS.label.x, color: INK, width: 1 });
  layout.y += 4;
  drawTotalRow(layout, presented.amountDue, SIZE.amountDue);
  if (presented.amountPaid !== null) drawTotalRow(layout, presented.amountPaid, SIZE.body);
  layout.y += 12;
}

function drawParagraph(layout: PageLayout, text: string, style: TextStyle): void {
  layout.ensureSpace(layout.measure(text, layout.contentWidth, style));
  layout.y = layout.write(text, MARGIN, layout.contentWidth, style) + 10;
}

/** The watermark and footer of every page, drawn once the page count is known. */
function finishPages(document: PDFKit.PDFDocument, presented: PresentedDocument): void {
  const range = document.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    document.switchToPage(index);
    const { width, height } = document.page;
    if (presented.watermark !== null) {
      document.save();
      document.rotate(-35, { origin: [width / 2, height / 2] });
      document
        .font(BOLD)
        .fontSize(110)
        .fillColor(WATERMARK)
        .fillOpacity(0.1)
        .text(presented.watermark.toUpperCase(), 0, height / 2 - 60, {
          width,
          align: "center",
          lineBreak: false,
        });
      document.restore();
    }
    const footerY = height - MARGIN - FOOTER_HEIGHT + 14;
    // The footer sits inside the bottom margin, where pdfkit would otherwise start a new page.
    document.page.margins.bottom = 0;
    const pageText = `${presented.title} · Page ${index - range.start + 1} of ${range.count}`;
    document.font(REGULAR).fontSize(SIZE.footer).fillColor(MUTED).fillOpacity(1);
    document.text(presented.footer, MARGIN, footerY, { width: 300, lineBreak: false });
    document.text(pageText, MARGIN + 300, footerY, {
      width: width - 2 * MARGIN - 300,
      align: "right",
      lineBreak: false,
    });
  }
}

function layOut(document: PDFKit.PDFDocument, presented: PresentedDocument): void {
  const layout = new PageLayout(document, presented);
  drawMasthead(layout);
  drawParties(layout);
  if (presented.reason !== null) drawReason(layout, presented.reason);
  layout.ensureSpace(80);
  layout.y = layout.write(presented.linesCaption, MARGIN, layout.contentWidth, { font: BOLD, size: 10 }) + 6;
  drawTableHeader(layout);
  for (const line of presented.lines) {
    if (line.sectionHeading !== null) {
      layout.ensureSpace(40);
      layout.y =
        layout.write(line.sectionHeading, MARGIN, layout.contentWidth, { font: BOLD, size: SIZE.body }) + 4;
    }
    drawLine(layout, line);
  }
  drawTotals(layout);
  if (presented.taxNote !== null) drawParagraph(layout, presented.taxNote, { size: SIZE.body });
  if (presented.memo !== null) drawParagraph(layout, presented.memo, { size: SIZE.body });
  for (const text of [presented.paymentInstructions, presented.sellerFooter]) {
    if (text !== null) drawParagraph(layout, text, { size: SIZE.body });
  }
  finishPages(document, presented);
}

/**
 * The document as PDF bytes. The same document always gives the same bytes:
 * the file's creation date is the issue date, not the time of rendering.
 */
export async function renderInvoicePdf(invoiceDocument: InvoiceDocument): Promise<Uint8Array> {
  const presented = presentInvoiceDocument(invoiceDocument);
  return renderA4Pdf(
    {
      language: presented.language,
      title: presented.title,
      author: presented.seller.name,
      createdAt: new Date(parseInstant(invoiceDocument.issuedAt)!),
    },
    (document) => layOut(document, presented),
  );
}
