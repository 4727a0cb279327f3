// A backtest's invoices as CSV, for a spreadsheet: one row per line (as
// billed, as it would be, and the difference), then one row with the
// invoice's subtotals, per invoice, in the order the API lists them.
import { csvCell } from "../platform/csv.ts";
import type { BacktestInvoice } from "./backtest-schemas.ts";

const header = [
  "customer_id",
  "invoice_id",
  "invoice_number",
  "issued_at",
  "currency",
  "subscription_id",
  "charge_id",
  "kind",
  "period_start",
  "period_end",
  "billed_quantity",
  "billed_amount",
  "would_be_quantity",
  "would_be_amount",
  "difference",
];

function row(values: (string | null)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** The CSV text of these invoices, header first. */
export async function backtestCsv(invoices: AsyncIterable<BacktestInvoice>): Promise<string> {
  let text = row(header);
  for await (const invoice of invoices) {
    const invoiceFields = [
      invoice.customer_id,
      invoice.invoice_id,
      invoice.invoice_number,
      invoice.issued_at,
      invoice.currency,
    ];
    for (const line of invoice.lines) {
      text += row([
        ...invoiceFields,
        line.subscription_id,
        line.charge_id,
        line.kind,
        line.period_start,
        line.period_end,
        line.billed?.quantity ?? null,
        line.billed?.amount ?? null,
        line.would_be?.quantity ?? null,
        line.would_be?.amount ?? null,
        line.difference,
      ]);
    }
    text += row([
      ...invoiceFields,
      null,
      null,
      "subtotal",
      null,
      null,
      null,
      invoice.billed_subtotal,
      null,
      invoice.would_be_subtotal,
      invoice.difference,
    ]);
  }
  return text;
}
