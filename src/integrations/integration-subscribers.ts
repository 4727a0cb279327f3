// What integrations does with invoicing's domain events: for every
// connection of the environment that is connected, a job that syncs the
// invoice's family (the invoice, its customer, payments, refunds and credit
// notes), or for a CRM, a job that writes the customer's figures on its
// company. The job does the calls; the subscriber only queues it, in the
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
import { isCrmConnection, queueCrmFigures } from "./crm-jobs.ts";
import { queueInvoiceSync } from "./integration-jobs.ts";

async function queueForEveryConnection(
  context: SubscriberContext,
  invoiceId: string,
  customerId: string,
): Promise<void> {
  for (const connection of await connectedConnections(context.database, context)) {
    if (isCrmConnection(connection)) {
      await queueCrmFigures(context.database, context, connection.id, customerId);
    } else await queueInvoiceSync(context.database, context, connection.id, invoiceId);
  }
}

export const integrationSubscribers: DomainEventSubscriber[] = [
  subscribe(InvoiceFinalized, "integrations.sync_finalized_invoice", (context, event) =>
    queueForEveryConnection(context, event.data.invoice_id, event.data.customer_id),
  ),
  subscribe(InvoicePaymentApplied, "integrations.sync_invoice_payment", (context, event) =>
    queueForEveryConnection(context, event.data.invoice_id, event.data.customer_id),
  ),
  subscribe(InvoiceRefundApplied, "integrations.sync_invoice_refund", (context, event) =>
    queueForEveryConnection(context, event.data.invoice_id, event.data.customer_id),
  ),
  subscribe(CreditNoteIssued, "integrations.sync_credit_note", (context, event) =>
    queueForEveryConnection(context, event.data.invoice_id, event.data.customer_id),
  ),
];
