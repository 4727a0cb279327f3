// What integrations does with invoicing's domain events: for every
// connection of the environment that is connected, a job that syncs the
// invoice's family (the invoice, its customer, payments, refunds and credit
// notes). The job does the calls; the subscriber only queues it, in the
// transaction that holds its receipt, so each event queues it once.
import {
  CreditNoteIssued,
  InvoiceFinalized,
  InvoicePaymentApplied,
  InvoiceRefundApplied,
} from "../invoicing/index.ts";
import {
  type DomainEventSubscriber,
  type SubscriberContext,
  subscribe,
} from "../platform/events/domain-events.ts";
import { connectedConnections } from "./connections.ts";
import { queueInvoiceSync } from "./integration-jobs.ts";

async function queueForEveryConnection(context: SubscriberContext, invoiceId: string): Promise<void> {
  for (const connection of await connectedConnections(context.database, context)) {
    await queueInvoiceSync(context.database, context, connection.id, invoiceId);
  }
}

export const integrationSubscribers: DomainEventSubscriber[] = [
  subscribe(InvoiceFinalized, "integrations.sync_finalized_invoice", (context, event) =>
    queueForEveryConnection(context, event.data.invoice_id),
  ),
  subscribe(InvoicePaymentApplied, "integrations.sync_invoice_payment", (context, event) =>
    queueForEveryConnection(context, event.data.invoice_id),
  ),
  subscribe(InvoiceRefundApplied, "integrations.sync_invoice_refund", (context, event) =>
    queueForEveryConnection(context, event.data.invoice_id),
  ),
  subscribe(CreditNoteIssued, "integrations.sync_credit_note", (context, event) =>
    queueForEveryConnection(context, event.data.invoice_id),
  ),
];
