// The old system's finalized invoices, imported as history: kept read-only,
// one row per invoice with its lines matched by charge (the charge's code in
// the old system), the amounts in the currency's major unit as the old
// system stated them. A parallel run sets them beside the invoices Fairbill
// would have issued for the same customers and periods.

import type { RequestContext } from "../platform/context.ts";
import { csvCell } from "../platform/csv.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import type { OldInvoiceStep } from "./import-step-types.ts";
import type { ImportState } from "./import-steps.ts";

/** Stores the invoice as history, part of `transaction`, and returns its id. */
export async function storeImportedInvoice(
  transaction: DatabaseTransaction,
  context: RequestContext,
  state: ImportState,
  customerId: string,
  step: OldInvoiceStep,
): Promise<string> {
  const now = context.clock.now();
  const row = await insertTenantRow(transaction, context, "imported_invoices", "importedInvoice", now, {
    import_id: state.importId,
    source: state.source,
    source_id: step.sourceId,
    customer_id: customerId,
    customer_external_id: step.customerSourceId,
    number: step.number,
    issued_at: new Date(step.issuedAt),
    period_start: new Date(step.periodStart),
    period_end: new Date(step.periodEnd),
    currency: step.currency,
    total: step.total,
    tax: step.tax,
    lines: JSON.stringify(
      step.lines.map((line) => ({
        charge_code: line.chargeCode,
        description: line.description,
        quantity: line.quantity,
        unit_price: line.unitPrice,
        amount: line.amount,
        tax: line.tax,
      })),
    ),
    created_at: now,
  });
  return row.id;
}

type StoredLine = {
  charge_code: string;
  description: string | null;
  quantity: string | null;
  unit_price: string | null;
  amount: string;
  tax: string;
};

const oldInvoiceColumns = [
  "customer_external_id",
  "invoice_number",
  "period_start",
  "period_end",
  "charge_code",
  "description",
  "quantity",
  "unit_price",
  "amount",
  "tax",
  "total",
] as const;

/**
 * The environment's imported invoices (of some customers, when named) in the
 * old_invoices template of docs/imports.md, a line a row, oldest period
 * first: what a parallel run compares when it is asked for the imported
 * history instead of a file. Null when there are none.
 */
export async function importedInvoicesCsv(
  context: RequestContext,
  customerExternalIds: readonly string[] | undefined,
): Promise<string | null> {
  let select = selectInTenant(context.database, context, "imported_invoices")
    .orderBy("period_start")
    .orderBy("customer_external_id")
    .orderBy("number");
  if (customerExternalIds !== undefined) {
    select = select.where("customer_external_id", "in", [...customerExternalIds]);
  }
  const invoices = await select.execute();
  if (invoices.length === 0) return null;
  const rows = [oldInvoiceColumns.join(",")];
  for (const invoice of invoices) {
    for (const line of invoice.lines as StoredLine[]) {
      const cells: Record<(typeof oldInvoiceColumns)[number], string | null> = {
        customer_external_id: invoice.customer_external_id,
        invoice_number: invoice.number,
        period_start: invoice.period_start.toISOString(),
        period_end: invoice.period_end.toISOString(),
        charge_code: line.charge_code,
        description: line.description,
        quantity: line.quantity,
        unit_price: line.unit_price,
        amount: line.amount,
        tax: line.tax,
        total: invoice.total,
      };
      rows.push(oldInvoiceColumns.map((column) => csvCell(cells[column])).join(","));
    }
  }
  return `${rows.join("\n")}\n`;
}
