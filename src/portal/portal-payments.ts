// Paying in the portal: the customer puts a card on file (set up through the
// environment's Stripe provider while they are present, so later invoices
// may be charged without them) and pays an open invoice with it. A payment
// goes through payments' own collection, the path a finalized invoice and
// billing ops take: the invoice is locked, one pending payment is kept per
// attempt and its id is Stripe's idempotency key, so a second click charges
// nothing more — it finds the payment under way, or the invoice paid.
import { showMoney } from "../credits/index.ts";
import type { InvoiceView } from "../invoicing/index.ts";
import { getInvoice } from "../invoicing/index.ts";
import {
  attachPaymentMethod,
  attemptCollection,
  listPaymentMethods,
  type PaymentMethodView,
} from "../payments/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { conflict, notFound } from "../platform/errors.ts";
import type { PortalPayment } from "./portal-schemas.ts";
import { portalCustomerId } from "./portal-views.ts";

export async function portalPaymentMethods(context: RequestContext): Promise<PaymentMethodView[]> {
  // A customer keeps a card or two on file; the newest twenty are all the portal shows.
  return listPaymentMethods(context, portalCustomerId(context), { limit: 20, afterId: undefined });
}

/** Sets up the customer's new card and makes it the one charged from now on (it replaces the default). */
export async function addPortalPaymentMethod(
  context: RequestContext,
  input: { payment_method: string },
): Promise<PaymentMethodView> {
  return attachPaymentMethod(
    context,
    portalCustomerId(context),
    { payment_method: input.payment_method, default: true },
    "setup",
  );
}

/** One of the customer's own finalized invoices; a draft or another customer's is "not found". */
async function customersInvoice(context: RequestContext, invoiceId: string): Promise<InvoiceView> {
  const invoice = await getInvoice(context, invoiceId);
  if (invoice.customer_id !== portalCustomerId(context) || invoice.status === "draft") {
    throw notFound("invoice", invoiceId);
  }
  return invoice;
}

const payable = new Set<InvoiceView["status"]>(["open", "partially_paid"]);

export async function payPortalInvoice(context: RequestContext, invoiceId: string): Promise<PortalPayment> {
  const before = await customersInvoice(context, invoiceId);
  if (!payable.has(before.status)) {
    if (before.status === "paid") return { invoice: before, payment: null };
    throw conflict(
      "invoice_not_payable",
      `Invoice ${before.number ?? invoiceId} is ${before.status.replaceAll("_", " ")}: there is nothing to pay.`,
    );
  }
  const outcome = await attemptCollection(context, invoiceId, { origin: "portal" });
  const invoice = await getInvoice(context, invoiceId);
  if (!outcome.attempted && outcome.payment === null) {
    // Paid meanwhile (a click that raced another) is an answer, not an error.
    if (invoice.status === "paid") return { invoice, payment: null };
    throw conflict("invoice_not_collected", `Nothing was charged: ${outcome.reason}.`);
  }
  const payment = outcome.payment;
  return {
    invoice,
    payment:
      payment === null
        ? null
        : {
            id: payment.id,
            status: payment.status,
            amount: showMoney(payment.amount, payment.currency),
            currency: payment.currency,
            failure_message: payment.failure_message,
          },
  };
}
