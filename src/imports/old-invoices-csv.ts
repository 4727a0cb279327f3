// The old system's invoices, uploaded as CSV for a parallel run (template
// `old_invoices` in docs/imports.md): one row per invoice line, the
// invoice's columns repeated on each of its lines. Checked against the
// template (csv-templates.ts), then grouped into invoices by customer and
// invoice number; every problem is named by its row and column. No database.
import { Decimal, type ShadowLine } from "../core/index.ts";
import type { CsvProblem } from "../platform/csv-files.ts";
import { checkCsvFile } from "./csv-templates.ts";

export type OldInvoice = {
  /** The row of its first line. */
  row: number;
  customerExternalId: string;
  number: string;
  periodStart: Date;
  periodEnd: Date;
  /** The total the file states (on any of its rows), to be checked against its lines. */
  statedTotal: { row: number; total: Decimal } | null;
  lines: (ShadowLine & { row: number; description: string | null })[];
};

export type ReadOldInvoices = { invoices: OldInvoice[]; problems: CsvProblem[] };

function decimalOrNull(cell: string | undefined): Decimal | null {
  return cell === undefined ? null : new Decimal(cell);
}

/** The file's invoices in the order their first lines appear, and every problem. */
export function readOldInvoices(text: string): ReadOldInvoices {
  const checked = checkCsvFile("old_invoices", text);
  const problems = [...checked.problems];
  const invoices = new Map<string, OldInvoice>();
  const periods = new Map<string, number>();
  for (const { row, cells } of checked.rows) {
    const customerExternalId = cells.customer_external_id as string;
    const number = cells.invoice_number as string;
    const periodStart = new Date(cells.period_start as string);
    const periodEnd = new Date(cells.period_end as string);
    if (periodEnd.getTime() <= periodStart.getTime()) {
      problems.push({ row, column: "period_end", message: "must be after period_start" });
      continue;
    }
    const key = JSON.stringify([customerExternalId, number]);
    let invoice = invoices.get(key);
    if (invoice === undefined) {
      const periodKey = JSON.stringify([customerExternalId, periodStart.getTime(), periodEnd.getTime()]);
      const other = periods.get(periodKey);
      if (other !== undefined) {
        problems.push({
          row,
          column: "invoice_number",
          message: `is a second invoice of customer ${customerExternalId} for the period of row ${other}; a parallel run compares one invoice per customer and period`,
        });
        continue;
      }
      periods.set(periodKey, row);
      invoice = { row, customerExternalId, number, periodStart, periodEnd, statedTotal: null, lines: [] };
      invoices.set(key, invoice);
    } else if (
      invoice.periodStart.getTime() !== periodStart.getTime() ||
      invoice.periodEnd.getTime() !== periodEnd.getTime()
    ) {
      problems.push({
        row,
        column: invoice.periodStart.getTime() !== periodStart.getTime() ? "period_start" : "period_end",
        message: `differs from row ${invoice.row}, a line of the same invoice ${number}`,
      });
      continue;
    }
    if (cells.total !== undefined) {
      const total = new Decimal(cells.total);
      if (invoice.statedTotal !== null && !invoice.statedTotal.total.equals(total)) {
        problems.push({
          row,
          column: "total",
          message: `differs from row ${invoice.statedTotal.row}, a line of the same invoice ${number}`,
        });
        continue;
      }
      invoice.statedTotal ??= { row, total };
    }
    invoice.lines.push({
      row,
      chargeKey: cells.charge_code as string,
      description: cells.description ?? null,
      quantity: decimalOrNull(cells.quantity),
      unitPrice: decimalOrNull(cells.unit_price),
      prorationFactor: null,
      amount: new Decimal(cells.amount as string),
      tax: decimalOrNull(cells.tax) ?? new Decimal(0),
    });
  }
  return { invoices: [...invoices.values()], problems };
}
