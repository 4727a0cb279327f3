// A customer's statement of account as an A4 PDF, laid out with pdfkit in the
// invoices' fonts and type: the seller's name (and logo, when it is an image
// the server holds) in its primary colour, whom the statement is for and the
// dates it covers, the balance brought forward, each invoice, payment,
// credit note and refund (its reference beneath its description) with its
// debit or credit and the running balance,
// the closing balance, and what is owed by age. Long statements break across
// pages with the table header repeated; every page says "Page n of N".
//
// The amounts come worked out (the core's accountStatement and ageReceivables)
// as decimal strings of the currency's minor unit; this only prints them in
// the customer's locale, with the currency.
import { currencyFor } from "../../core/index.ts";
import { formatDecimalString } from "./locale-number-format.ts";
import { BOLD, FOOTER_HEIGHT, INK, MARGIN, MUTED, PdfLayout, REGULAR, renderA4Pdf } from "./pdf-layout.ts";

export type StatementDocumentLine = {
  date: string;
  type: string;
  reference: string;
  description: string;
  /** Decimal strings; null in the column the line does not use. */
  debit: string | null;
  credit: string | null;
  balance: string;
};

export type StatementDocument = {
  seller: {
    name: string;
    /** A PNG or JPEG, printed at the top left; null prints the name alone. */
    logo: Uint8Array | null;
    primaryColor: string | null;
    primaryTextColor: string | null;
  };
  customer: { name: string; lines: string[] };
  currency: string;
  locale: string;
  /** Dates as the customer reads them, in its time zone. */
  from: string;
  to: string;
  openingBalance: string;
  lines: StatementDocumentLine[];
  totalDebits: string;
  totalCredits: string;
  closingBalance: string;
  /** What is owed now by days past due: current, 1–30, 31–60, 61–90, over 90. */
  ageing: { date: string; buckets: { label: string; amount: string }[]; total: string };
  /** The PDF's creation date: the same statement gives the same bytes. */
  createdAt: Date;
};

const BAND_HEIGHT = 64;
const SIZE = { title: 18, body: 8.5, reference: 7, heading: 7, seller: 14, footer: 7 };
const ROW_PADDING = 3;

type Column = { heading: string; x: number; width: number; align: "left" | "right" };

/** Date, type, description (the reference beneath it), debit, credit, balance: the 495 points between the margins. */
const COLUMNS: Column[] = [
  { heading: "Date", x: MARGIN, width: 64, align: "left" },
  { heading: "Type", x: MARGIN + 66, width: 50, align: "left" },
  { heading: "Description", x: MARGIN + 118, width: 195, align: "left" },
  { heading: "Debit", x: MARGIN + 315, width: 58, align: "right" },
  { heading: "Credit", x: MARGIN + 375, width: 58, align: "right" },
  { heading: "Balance", x: MARGIN + 435, width: 60, align: "right" },
];
const DESCRIPTION = 2;

/** The 495 points between the margins. */
const CONTENT_WIDTH = 495;

function drawMasthead(layout: PdfLayout, statement: StatementDocument): void {
  const { document } = layout;
  const { seller } = statement;
  const top = layout.y;
  const nameColor = seller.primaryColor === null ? INK : (seller.primaryTextColor ?? INK);
  if (seller.primaryColor !== null) {
    document.rect(MARGIN, top, CONTENT_WIDTH, BAND_HEIGHT).fillColor(seller.primaryColor).fill();
  }
  let nameX = MARGIN + (seller.primaryColor === null ? 0 : 12);
  if (seller.logo !== null) {
    try {
      document.image(Buffer.from(seller.logo), nameX, top + 8, { fit: [120, BAND_HEIGHT - 16] });
      nameX += 132;
    } catch {
      // An image pdfkit cannot read is left out: the name still says whose statement it is.
    }
  }
  layout.write(
    seller.name,
    nameX,
    MARGIN + CONTENT_WIDTH - nameX - 12,
    { font: BOLD, size: SIZE.seller, color: nameColor },
    top + BAND_HEIGHT / 2 - 9,
  );
  layout.y = top + BAND_HEIGHT + 18;
}

function drawHeading(layout: PdfLayout, statement: StatementDocument): void {
  const top = layout.y;
  const titleBottom = layout.write(
    "Statement of account",
    MARGIN,
    260,
    { font: BOLD, size: SIZE.title },
    top,
  );
  const facts: [string, string][] = [
    ["From", statement.from],
    ["To", statement.to],
    ["Currency", statement.currency],
  ];
  let factsY = top;
  for (const [label, value] of facts) {
    layout.write(label, MARGIN + 300, 80, { size: SIZE.body, color: MUTED }, factsY);
    factsY = layout.write(value, MARGIN + 380, 115, { size: SIZE.body, align: "right" }, factsY) + 2;
  }
  let y = Math.max(titleBottom, factsY) + 14;
  y = layout.write("STATEMENT FOR", MARGIN, 260, { font: BOLD, size: SIZE.heading, color: MUTED }, y) + 3;
  y = layout.write(statement.customer.name, MARGIN, 260, { font: BOLD, size: 10 }, y) + 1;
  for (const line of statement.customer.lines) y = layout.write(line, MARGIN, 260, { size: SIZE.body }, y);
  layout.y = y + 18;
}

function drawTableHeader(layout: PdfLayout): void {
  const style = { font: BOLD, size: SIZE.heading, color: MUTED } as const;
  let bottom = layout.y;
  for (const column of COLUMNS) {
    bottom = Math.max(
      bottom,
      layout.write(column.heading.toUpperCase(), column.x, column.width, { ...style, align: column.align }),
    );
  }
  layout.y = bottom + 3;
  layout.rule(layout.y, { color: INK, width: 1 });
  layout.y += ROW_PADDING;
}

/** One row: the cells of COLUMNS, and the reference in small type beneath the description. */
function drawRow(layout: PdfLayout, cells: readonly string[], reference: string, bold = false): void {
  const style = { font: bold ? BOLD : REGULAR, size: SIZE.body } as const;
  const referenceStyle = { size: SIZE.reference, color: MUTED } as const;
  const descriptionColumn = COLUMNS[DESCRIPTION]!;
  const referenceHeight =
    reference === "" ? 0 : layout.measure(reference, descriptionColumn.width, referenceStyle);
  const height = Math.max(
    ...COLUMNS.map(
      (column, index) =>
        layout.measure(cells[index] ?? "", column.width, style) +
        (index === DESCRIPTION ? referenceHeight : 0),
    ),
  );
  layout.ensureSpace(height + 2 * ROW_PADDING, () => drawTableHeader(layout));
  const top = layout.y;
  COLUMNS.forEach((column, index) => {
    const text = cells[index] ?? "";
    if (text === "") return;
    const bottom = layout.write(text, column.x, column.width, { ...style, align: column.align }, top);
    if (index === DESCRIPTION && reference !== "") {
      layout.write(reference, column.x, column.width, referenceStyle, bottom);
    }
  });
  layout.y = top + height + ROW_PADDING;
  layout.rule(layout.y);
  layout.y += ROW_PADDING;
}

function drawSummary(layout: PdfLayout, rows: [string, string, boolean][], title: string): void {
  const rowHeight = 14;
  layout.ensureSpace(24 + rows.length * rowHeight);
  layout.y += 10;
  layout.y = layout.write(title, MARGIN, CONTENT_WIDTH, { font: BOLD, size: 10 }) + 4;
  for (const [label, value, emphasized] of rows) {
    const style = { font: emphasized ? BOLD : REGULAR, size: SIZE.body } as const;
    const top = layout.y;
    layout.write(label, MARGIN, 250, style, top);
    layout.write(value, MARGIN + 250, 135, { ...style, align: "right" }, top);
    layout.y = top + rowHeight;
  }
}

function finishPages(document: PDFKit.PDFDocument, statement: StatementDocument): void {
  const range = document.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    document.switchToPage(index);
    const { width, height } = document.page;
    const footerY = height - MARGIN - FOOTER_HEIGHT + 14;
    document.page.margins.bottom = 0;
    document.font(REGULAR).fontSize(SIZE.footer).fillColor(MUTED);
    document.text(`${statement.seller.name} · ${statement.customer.name}`, MARGIN, footerY, {
      width: 300,
      lineBreak: false,
    });
    document.text(
      `Statement of account · Page ${index - range.start + 1} of ${range.count}`,
      MARGIN + 300,
      footerY,
      { width: width - 2 * MARGIN - 300, align: "right", lineBreak: false },
    );
  }
}

function layOut(document: PDFKit.PDFDocument, statement: StatementDocument): void {
  const { minorDigits } = currencyFor(statement.currency);
  const money = (amount: string) =>
    formatDecimalString(
      amount,
      statement.locale,
      { kind: "currency", currency: statement.currency },
      minorDigits,
    );
  const layout = new PdfLayout(document, "Statement of account");
  drawMasthead(layout, statement);
  drawHeading(layout, statement);
  drawTableHeader(layout);
  drawRow(
    layout,
    [statement.from, "", "Balance brought forward", "", "", money(statement.openingBalance)],
    "",
  );
  for (const line of statement.lines) {
    drawRow(
      layout,
      [
        line.date,
        line.type,
        line.description,
        line.debit === null ? "" : money(line.debit),
        line.credit === null ? "" : money(line.credit),
        money(line.balance),
      ],
      line.reference,
    );
  }
  drawRow(
    layout,
    [
      statement.to,
      "",
      "Closing balance",
      money(statement.totalDebits),
      money(statement.totalCredits),
      money(statement.closingBalance),
    ],
    "",
    true,
  );
  drawSummary(
    layout,
    [
      ["Opening balance", money(statement.openingBalance), false],
      ["Invoiced and refunded", money(statement.totalDebits), false],
      ["Paid and credited", money(statement.totalCredits), false],
      ["Closing balance", money(statement.closingBalance), true],
    ],
    "Summary",
  );
  drawSummary(
    layout,
    [
      ...statement.ageing.buckets.map(({ label, amount }): [string, string, boolean] => [
        label,
        money(amount),
        false,
      ]),
      ["Total owed", money(statement.ageing.total), true],
    ],
    `Owed on ${statement.ageing.date}, by days past due`,
  );
  finishPages(document, statement);
}

/** The statement as PDF bytes. */
export async function renderStatementPdf(statement: StatementDocument): Promise<Uint8Array> {
  return renderA4Pdf(
    {
      language: statement.locale,
      title: `Statement of account, ${statement.from} to ${statement.to}`,
      author: statement.seller.name,
      createdAt: statement.createdAt,
    },
    (document) => layOut(document, statement),
  );
}
