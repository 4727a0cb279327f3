// What billing ops ask of an invoice's collection: charge it now through the
// provider, or give up on it (uncollectible), which also ends its dunning.

import type { InvoiceView } from "../invoicing/index.ts";
import { findInvoiceRow, getInvoice, markInvoiceUncollectible } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { conflict } from "../platform/errors.ts";
import { attemptCollection } from "./collection.ts";
import { closeDunningProcess, lockDunningProcess } from "./dunning-lifecycle.ts";
import type { PaymentDetailView } from "./payment-schemas.ts";
import { getPayment } from "./payment-store.ts";

export async function collectInvoiceNow(
  context: RequestContext,
  invoiceId: string,
): Promise<PaymentDetailView> {
  await findInvoiceRow(context.database, context, invoiceId);
  const outcome = await attemptCollection(context, invoiceId, { origin: "requested" });
  if (!outcome.attempted) {
    throw conflict(
      "invoice_not_collected",
      `Nothing was charged for invoice ${invoiceId}: ${outcome.reason}.`,
    );
  }
  return getPayment(context, outcome.payment.id);
}

export async function markUncollectible(context: RequestContext, invoiceId: string): Promise<InvoiceView> {
  await context.database.transaction().execute(async (transaction) => {
    await markInvoiceUncollectible(transaction, context, invoiceId);
    const process = await lockDunningProcess(transaction, context, { invoiceId });
    if (process !== undefined) {
      await closeDunningProcess(transaction, context, process, {
        status: "stopped",
        reason: "billing ops marked the invoice uncollectible",
        unblockEntitlements: false,
      });
    }
  });
  return getInvoice(context, invoiceId);
}
