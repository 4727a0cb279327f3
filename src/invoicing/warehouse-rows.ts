// Invoices that changed in a window of their update cursor (updated_at) with
// their lines, and credit notes issued in it (they never change), as plain
// values: what the warehouse export copies. Read here, by the domain that
// owns the tables.
import { batchesOf } from "../platform/batches.ts";
import type { TenantScope } from "../platform/context.ts";
import {
  type CursorWindow,
  changedRows,
  type PlainRow,
  plainRow,
  warehouseRowsOf,
} from "../platform/database/changed-rows.ts";
import type { Database } from "../platform/database/schema.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";

export async function invoiceWarehouseRows(
  database: Database,
  scope: TenantScope,
  window: CursorWindow,
): Promise<{ invoices: PlainRow[]; invoiceLines: PlainRow[] }> {
  const invoices = await changedRows(database, scope, "invoices", "updated_at", window);
  const ids = invoices.map((invoice) => String(invoice.id));
  const lines: PlainRow[] = [];
  // A few thousand ids a statement keeps each under PostgreSQL's limit of parameters.
  for (const batch of batchesOf(ids, 5000)) {
    const rows = await selectInTenant(database, scope, "invoice_lines")
      .where("invoice_id", "in", batch)
      .orderBy("invoice_id")
      .orderBy("position")
      .execute();
    lines.push(...rows.map((row) => plainRow(row)));
  }
  return { invoices, invoiceLines: lines };
}

export const creditNoteWarehouseRows = warehouseRowsOf("credit_notes", "created_at");
