// Telling other systems and the customer what happened to a payment: webhook
// events (payment.succeeded, payment.failed, payment.refunded,
// payment.dispute_lost, payment.dispute_won, invoice.paid,
// invoice.payment_failed) and the customer's emails (receipt, failed payment,
// refund, dispute, dunning reminders). Called inside the transaction that
// records the change, so an announcement exists exactly when the change does.
import { showMoney } from "../credits/index.ts";
import type { InvoiceRow } from "../invoicing/index.ts";
import { amountRemaining, invoiceLineRows, invoiceView, loadCustomerRow } from "../invoicing/index.ts";
import {
  type EmailTemplateFields,
  type EmailTemplateName,
  publishEvent,
  queueCustomerEmail,
} from "../notifications/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import {
  type DisputeRow,
  type PaymentRow,
  presentDispute,
  presentPayment,
  presentRefund,
  type RefundRow,
} from "./payment-store.ts";
import {
  invoicePaid,
  invoicePaymentFailed,
  paymentDisputeLost,
  paymentDisputeWon,
  paymentFailed,
  paymentRefunded,
  paymentSucceeded,
} from "./payment-webhook-events.ts";

function dayOf(date: Date, timeZone: string): string {
  return date.toLocaleDateString("en-CA", { timeZone });
}

/** Emails the payment's customer, unless they have no address to write to. */
async function emailCustomer<Name extends EmailTemplateName>(
  transaction: Database,
  context: RequestContext,
  customerId: string,
  template: Name,
  fields: EmailTemplateFields[Name],
): Promise<{ id: string } | null> {
  const customer = await loadCustomerRow(transaction, context, customerId);
  return queueCustomerEmail(transaction, context, customer, template, fields);
}

function invoiceReference(invoice: InvoiceRow) {
  return {
    number: invoice.number ?? invoice.id,
    amount_due: showMoney(amountRemaining(invoice), invoice.currency),
    currency: invoice.currency,
    due_on: invoice.due_at === null ? "" : dayOf(invoice.due_at, invoice.timezone),
  };
}

const manualMethodWords: Record<string, string> = {
  bank_transfer: "bank transfer",
  cheque: "cheque",
  cash: "cash",
  other: "payment received",
};

async function methodWords(transaction: Database, payment: PaymentRow): Promise<string> {
  if (payment.method !== "card") return manualMethodWords[payment.method] ?? payment.method;
  if (payment.payment_method_id === null) return "card";
  const method = await transaction
    .selectFrom("payment_methods")
    .select(["card_brand", "card_last4"])
    .where("id", "=", payment.payment_method_id)
    .executeTakeFirst();
  if (!method?.card_brand || !method.card_last4) return "card";
  const brand = method.card_brand.charAt(0).toUpperCase() + method.card_brand.slice(1);
  return `${brand} ending in ${method.card_last4}`;
}

export async function announcePaymentSucceeded(
  transaction: Database,
  context: RequestContext,
  payment: PaymentRow,
  invoice: InvoiceRow,
  paidInFull: boolean,
): Promise<void> {
  await publishEvent(transaction, context, paymentSucceeded, presentPayment(payment));
  if (paidInFull)
    await publishEvent(
      transaction,
      context,
      invoicePaid,
      await invoiceView(transaction, invoice, context.clock.now()),
    );
  await emailCustomer(transaction, context, payment.customer_id, "payment_receipt", {
    payment: {
      amount: showMoney(payment.amount, payment.currency),
      currency: payment.currency,
      paid_on: dayOf(payment.received_at ?? context.clock.now(), invoice.timezone),
      method: await methodWords(transaction, payment),
    },
    invoice: {
      number: invoice.number ?? invoice.id,
      amount_due: showMoney(amountRemaining(invoice), invoice.currency),
    },
  });
}

export async function announcePaymentFailed(
  transaction: Database,
  context: RequestContext,
  payment: PaymentRow,
  invoice: InvoiceRow,
  nextRetryAt: Date | null,
): Promise<void> {
  const presented = presentPayment(payment);
  await publishEvent(transaction, context, paymentFailed, presented);
  await publishEvent(transaction, context, invoicePaymentFailed, {
    ...(await invoiceView(transaction, invoice, context.clock.now())),
    payment: presented,
    next_retry_at: nextRetryAt?.toISOString() ?? null,
  });
  await emailCustomer(transaction, context, payment.customer_id, "payment_failed", {
    payment: {
      amount: showMoney(payment.amount, payment.currency),
      currency: payment.currency,
      failure_reason: payment.failure_message ?? "the payment was declined.",
    },
    invoice: invoiceReference(invoice),
    next_retry_on: nextRetryAt === null ? null : dayOf(nextRetryAt, invoice.timezone),
  });
}

export async function announceRefund(
  transaction: Database,
  context: RequestContext,
  refund: RefundRow,
  payment: PaymentRow,
  invoice: InvoiceRow,
): Promise<void> {
  await publishEvent(transaction, context, paymentRefunded, {
    ...presentPayment(payment),
    refund: presentRefund(refund),
  });
  await emailCustomer(transaction, context, payment.customer_id, "refund_confirmation", {
    refund: {
      amount: showMoney(refund.amount, refund.currency),
      currency: refund.currency,
      refunded_on: dayOf(refund.refunded_at ?? context.clock.now(), invoice.timezone),
      reason: refund.reason,
    },
    invoice: { number: invoice.number ?? invoice.id },
  });
}

export async function announceDispute(
  transaction: Database,
  context: RequestContext,
  dispute: { amount: string; currency: string; reason: string; openedAt: Date },
  payment: PaymentRow,
  invoice: InvoiceRow,
): Promise<void> {
  await emailCustomer(transaction, context, payment.customer_id, "dispute_received", {
    dispute: {
      amount: showMoney(dispute.amount, dispute.currency),
      currency: dispute.currency,
      reason: dispute.reason.replaceAll("_", " "),
      opened_on: dayOf(dispute.openedAt, invoice.timezone),
    },
    payment: {
      amount: showMoney(payment.amount, payment.currency),
      paid_on: dayOf(payment.received_at ?? payment.created_at, invoice.timezone),
    },
    invoice: { number: invoice.number ?? invoice.id },
  });
}

/** A dispute closed won or lost, with the payment as it stands after it. */
export async function announceDisputeClosed(
  transaction: Database,
  context: RequestContext,
  dispute: DisputeRow,
  payment: PaymentRow,
): Promise<void> {
  const event = dispute.status === "lost" ? paymentDisputeLost : paymentDisputeWon;
  await publishEvent(transaction, context, event, {
    ...presentPayment(payment),
    dispute: presentDispute(dispute),
  });
}

/**
 * A dunning reminder: before the due date the invoice email again (it says
 * what is due and by when); from the due date on, the dunning reminder.
 */
export async function sendDunningReminder(
  transaction: Database,
  context: RequestContext,
  invoice: InvoiceRow,
  reminder: { daysAfterDue: number; reminderNumber: number },
): Promise<{ id: string } | null> {
  if (reminder.daysAfterDue < 0) {
    return emailCustomer(transaction, context, invoice.customer_id, "invoice_issued", {
      invoice: {
        ...invoiceReference(invoice),
        issued_on: dayOf(invoice.issued_at, invoice.timezone),
        total: showMoney(invoice.total, invoice.currency),
        lines: (await invoiceLineRows(transaction, invoice.id)).map((line) => ({
          description: line.description,
          quantity: line.quantity,
          amount: showMoney(line.amount, invoice.currency),
        })),
      },
    });
  }
  return emailCustomer(transaction, context, invoice.customer_id, "dunning_reminder", {
    invoice: invoiceReference(invoice),
    days_overdue: reminder.daysAfterDue,
    reminder_number: reminder.reminderNumber,
  });
}
