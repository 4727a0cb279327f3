// A settlement statement as the partner receives it: CSV (one row per line,
// each naming the invoice, payment or document behind it) and PDF.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { csvCell } from "../platform/csv.ts";
import type { SettlementView } from "./partner-schemas.ts";

const csvColumns = [
  "kind",
  "description",
  "source_type",
  "source_id",
  "reference",
  "invoice_id",
  "customer_id",
  "base",
  "percent",
  "amount",
  "currency",
] as const;

export function settlementCsv(settlement: SettlementView): string {
  const rows = [csvColumns.join(",")];
  for (const line of settlement.lines) {
    const cells = [
      line.kind,
      line.description,
      line.source.type,
      line.source.id,
      line.source.reference,
      line.invoice_id ?? "",
      line.customer_id ?? "",
      line.base ?? "",
      line.percent ?? "",
      line.amount,
      settlement.currency,
    ];
    rows.push(cells.map((cell) => csvCell(cell)).join(","));
  }
  rows.push(["total", "Total", "", "", "", "", "", "", "", settlement.total, settlement.currency].join(","));
  return `${rows.join("\r\n")}\r\n`;
}

/** The statement as A4 PDF bytes: heading, partner and period, one row per line, the total. */
export async function settlementPdf(
  settlement: SettlementView,
  partner: { name: string; code: string },
): Promise<Uint8Array> {
  // pdfkit is loaded when the first statement is drawn, not at every start.
  const { default: PDFDocument } = await import("pdfkit");
  const require = createRequire(import.meta.url);
  const document = new PDFDocument({
    size: "A4",
    margin: 50,
    info: {
      Title: `Settlement statement ${partner.code} ${settlement.period}`,
      Creator: "Fairbill",
      Producer: "Fairbill",
      CreationDate: new Date(settlement.created_at),
    },
  });
  document.registerFont("regular", readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")));
  document.registerFont("bold", readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")));
  return await new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    document.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    document.on("error", reject);
    document.on("end", () => resolve(Buffer.concat(chunks)));
    document.font("bold").fontSize(18).text("Settlement statement");
    document.font("regular").fontSize(10).moveDown(0.5);
    document.text(`${partner.name} (${partner.code})`);
    document.text(
      `Period: ${settlement.period} · Status: ${settlement.status} · Currency: ${settlement.currency}`,
    );
    document.moveDown();
    for (const line of settlement.lines) {
      document.font("regular").fontSize(9);
      document.text(`${line.description}  [${line.source.type} ${line.source.reference}]`, {
        continued: false,
      });
      document.text(`${line.amount} ${settlement.currency}`, { align: "right" });
    }
    document.moveDown();
    document
      .font("bold")
      .fontSize(11)
      .text(`Total ${settlement.total} ${settlement.currency}`, { align: "right" });
    document.end();
  });
}
