// The old system's finalized invoices, imported as history: kept read-only,
// one row per invoice with its lines matched by charge (the charge's code in
// the old system), the amounts in the currency's major unit as the old
// system stated them. A parallel run sets them beside the invoices Fairbill
// would have issued for the same customers and periods.
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { newId } from "../platform/ids.ts";
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
  const id = newId("importedInvoice", now);
  await transaction
    .insertInto("imported_invoices")
    .values({
      id,
      organization_id: context.organizationId,
      environment_id: context.environmentId,
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
    })
    .execute();
  return id;
}
