// What a warehouse export copies, read through each owning domain's front
// door for one window of the update cursor: customers, subscriptions,
// contracts, invoices and their lines, credit notes, payments (changed in the
// window), usage rollups (of the hours that ended in it) and journal entries
// (dated in it, as the books stand at its end).
import { contractWarehouseRows } from "../contracts/index.ts";
import { customerWarehouseRows } from "../customers/index.ts";
import { journalLinesOfDays } from "../finance/index.ts";
import { creditNoteWarehouseRows, invoiceWarehouseRows } from "../invoicing/index.ts";
import { usageRollupWarehouseRows } from "../metering/index.ts";
import { paymentWarehouseRows } from "../payments/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { CursorWindow, PlainRow } from "../platform/database/changed-rows.ts";
import { subscriptionWarehouseRows } from "../subscriptions/index.ts";

export const warehouseDatasets = [
  "customers",
  "subscriptions",
  "contracts",
  "invoices",
  "invoice_lines",
  "credit_notes",
  "payments",
  "usage_rollups",
  "journal_entries",
] as const;
export type WarehouseDataset = (typeof warehouseDatasets)[number];

export async function readWarehouseDatasets(
  context: RequestContext,
  window: CursorWindow,
): Promise<Record<WarehouseDataset, PlainRow[]>> {
  const { database } = context;
  const { invoices, invoiceLines } = await invoiceWarehouseRows(database, context, window);
  const day = (instant: Date) => instant.toISOString().slice(0, 10);
  const journal = await journalLinesOfDays(
    context,
    window.after === null ? null : day(window.after),
    day(window.until),
  );
  return {
    customers: await customerWarehouseRows(database, context, window),
    subscriptions: await subscriptionWarehouseRows(database, context, window),
    contracts: await contractWarehouseRows(database, context, window),
    invoices,
    invoice_lines: invoiceLines,
    credit_notes: await creditNoteWarehouseRows(database, context, window),
    payments: await paymentWarehouseRows(database, context, window),
    usage_rollups: await usageRollupWarehouseRows(database, context, window),
    journal_entries: journal.map((line) => ({ ...line })),
  };
}
