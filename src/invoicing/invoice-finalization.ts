// Finalizing a draft on request. A one-off draft is numbered as it stands; a
// subscription draft (waiting out its grace period) is recomputed from the
// latest usage and finalized by the same step as the bill run, so a late
// event still counts and the account effects are recorded once.
import type { RequestContext } from "../platform/context.ts";
import { conflict } from "../platform/errors.ts";
import { billCustomerDue } from "./bill-customer.ts";
import { selectHolds } from "./draft-holds.ts";
import type { InvoiceView } from "./invoice-schemas.ts";
import { findInvoiceRow } from "./invoice-store.ts";
import { getInvoice } from "./invoices.ts";
import { finalizeOneOff } from "./one-off-invoices.ts";

export async function finalizeInvoice(context: RequestContext, id: string): Promise<InvoiceView> {
  const row = await findInvoiceRow(context.database, context, id);
  if (row.status !== "draft") throw conflict("invoice_not_draft", `Invoice ${id} is already finalized.`);
  const hold = await selectHolds(context.database, context)
    .select("id")
    .where("invoice_id", "=", id)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (hold !== undefined) {
    throw conflict(
      "invoice_held",
      `Invoice ${id} is held (${hold.id}): release the hold, or discard the draft, before finalizing it.`,
    );
  }
  if (row.origin === "one_off") {
    await context.database.transaction().execute((transaction) => finalizeOneOff(transaction, context, id));
  } else {
    // The draft is the customer's earliest unfinalized subscription invoice; billing up to its issue instant finalizes it.
    await billCustomerDue(context, row.customer_id, row.issued_at, { endGracePeriods: true });
  }
  return getInvoice(context, id);
}
