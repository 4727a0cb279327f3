// Telling other systems and the customer what happened to an invoice: a
// webhook event for every change, and the "invoice issued" email when a
// finalized invoice asks for money. Called inside the transaction that makes
// the change, so the announcement exists exactly when the change does.
import { Decimal } from "../core/index.ts";
import { publishEvent, queueEmails } from "../notifications/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { publishDomainEvent } from "../platform/events/domain-events.ts";
import { type CustomerRow, loadCustomerRow } from "./customer-billing.ts";
import { invoiceView } from "./invoice-presenter.ts";
import type { CreditNoteView, InvoiceView } from "./invoice-schemas.ts";
import type { InvoiceRow } from "./invoice-store.ts";
import {
  creditNoteCreated,
  invoiceCreated,
  invoiceFinalized,
  invoiceVoided,
} from "./invoice-webhook-events.ts";
import { CreditNoteIssued, InvoiceFinalized } from "./invoicing-events.ts";

function dayOf(date: Date, timeZone: string): string {
  return date.toLocaleDateString("en-CA", { timeZone });
}

/** invoice.finalized, and the invoice email to a customer who has an address and something to pay. */
export async function announceFinalizedInvoice(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoice: InvoiceRow,
): Promise<void> {
  const view = await invoiceView(transaction, invoice, context.clock.now());
  await publishEvent(transaction, context, invoiceFinalized, view);
  // Payments (a subscriber): the invoice enters dunning, and a card on file is charged.
  await publishDomainEvent(
    transaction,
    context,
    InvoiceFinalized,
    { invoice_id: invoice.id, customer_id: invoice.customer_id },
    context.clock.now(),
  );
  const customer = await loadCustomerRow(transaction, context, invoice.customer_id);
  await queueInvoiceEmails(transaction, context, [{ customer, invoice, view }]);
}

/** The "invoice issued" email of each finalized invoice whose customer has an address and something to pay, queued together. */
export async function queueInvoiceEmails(
  transaction: DatabaseTransaction,
  context: RequestContext,
  finalized: readonly { customer: CustomerRow; invoice: InvoiceRow; view: InvoiceView }[],
): Promise<void> {
  const emails = finalized.flatMap(({ customer, invoice, view }) => {
    if (customer.email === null || new Decimal(invoice.amount_due).isZero() || invoice.number === null)
      return [];
    return [
      {
        template: "invoice_issued" as const,
        to: customer.email,
        customerId: customer.id,
        data: {
          customer: { name: customer.name ?? customer.external_id, email: customer.email },
          invoice: {
            number: invoice.number,
            amount_due: invoice.amount_due,
            currency: invoice.currency,
            due_on: invoice.due_at === null ? "" : dayOf(invoice.due_at, invoice.timezone),
            issued_on: dayOf(invoice.issued_at, invoice.timezone),
            total: invoice.total,
            lines: view.lines.map((line) => ({
              description: line.description,
              quantity: line.quantity,
              amount: line.amount,
            })),
          },
        },
      },
    ];
  });
  await queueEmails(transaction, context, emails);
}

export async function announceVoidedInvoice(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoice: InvoiceView,
): Promise<void> {
  await publishEvent(transaction, context, invoiceVoided, invoice);
}

export async function announceDraftInvoice(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoice: InvoiceRow,
): Promise<void> {
  await publishEvent(
    transaction,
    context,
    invoiceCreated,
    await invoiceView(transaction, invoice, context.clock.now()),
  );
}

export async function announceCreditNote(
  transaction: DatabaseTransaction,
  context: RequestContext,
  creditNote: CreditNoteView,
): Promise<void> {
  await publishEvent(transaction, context, creditNoteCreated, creditNote);
  // Integrations (a subscriber): the credit note goes to the accounting systems connected.
  await publishDomainEvent(
    transaction,
    context,
    CreditNoteIssued,
    { credit_note_id: creditNote.id, invoice_id: creditNote.invoice_id, customer_id: creditNote.customer_id },
    context.clock.now(),
  );
}
