// The "block entitlements" final action of dunning: while the customer has an
// invoice whose dunning ended that way, and which is neither paid nor voided,
// the entitlements route answers that nothing is allowed. Paying the invoice
// lifts the block (see endDunningOfPaidInvoice); a void lifts it here.
import { findInvoiceRow } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";

/** Whether dunning blocks the customer's entitlements now. One indexed read when nothing is blocked. */
export async function entitlementsBlockedByDunning(
  context: RequestContext,
  customerId: string,
): Promise<boolean> {
  const blocking = await context.database
    .selectFrom("dunning_processes")
    .select("invoice_id")
    .where(inTenant(context))
    .where("customer_id", "=", customerId)
    .where("entitlements_blocked", "=", true)
    .execute();
  for (const { invoice_id } of blocking) {
    const invoice = await findInvoiceRow(context.database, context, invoice_id);
    if (invoice.status !== "void" && invoice.status !== "paid") return true;
  }
  return false;
}
