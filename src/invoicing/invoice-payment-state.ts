// The payment state of a finalized invoice, as payments move it: open, then
// partially paid or paid; uncollectible when billing ops give up; back to
// open or partially paid when a refund gives money back; and when a dispute
// of one of its payments was lost (it stays as it was paid). The invoice's
// content never changes (the immutability trigger allows only these fields);
// every change is audited. Payments (the payments domain) call these inside
// the transaction that records the payment.

import { recordAuditEvent } from "../audit/index.ts";
import {
  applyToInvoice,
  currencyFor,
  Decimal,
  formatAmount,
  invoiceAmountRemaining,
  ZERO,
} from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { conflict } from "../platform/errors.ts";
import { publishDomainEvent } from "../platform/events/domain-events.ts";
import { amountRemaining } from "./invoice-presenter.ts";
import { type InvoiceRow, lockFinalizedInvoice, lockInvoice } from "./invoice-store.ts";
import { InvoicePaymentApplied, InvoiceRefundApplied } from "./invoicing-events.ts";
import type { InvoiceStatus } from "./tables.ts";

function statusAfter(row: InvoiceRow, amountPaid: Decimal): InvoiceStatus {
  const remaining = invoiceAmountRemaining({
    amountDue: new Decimal(row.amount_due),
    amountPaid,
    amountCredited: new Decimal(row.amount_credited),
  });
  if (remaining.isZero()) return "paid";
  if (row.status === "uncollectible") return "uncollectible";
  return amountPaid.greaterThan(ZERO) ? "partially_paid" : "open";
}

async function writePaymentState(
  transaction: DatabaseTransaction,
  context: RequestContext,
  row: InvoiceRow,
  amountPaid: Decimal,
  status: InvoiceStatus,
  action: string,
): Promise<InvoiceRow> {
  const currency = currencyFor(row.currency);
  const updated = await updateTenantRow(transaction, context, "invoices", row.id, {
    amount_paid: formatAmount(amountPaid, currency),
    status,
    updated_at: context.clock.now(),
  });
  await recordAuditEvent(transaction, context, {
    action,
    objectType: "invoice",
    objectId: row.id,
    before: { status: row.status, amount_paid: row.amount_paid },
    after: { status, amount_paid: updated.amount_paid },
  });
  return updated;
}

/**
 * Writes the invoice's new amount paid and the status it leads to, audited
 * under the event's name, and publishes the event: integrations (a
 * subscriber) send the payment or refund to the accounting systems connected.
 */
async function changeAmountPaid(
  transaction: DatabaseTransaction,
  context: RequestContext,
  row: InvoiceRow,
  amountPaid: Decimal,
  event: typeof InvoicePaymentApplied | typeof InvoiceRefundApplied,
): Promise<InvoiceRow> {
  const invoice = await writePaymentState(
    transaction,
    context,
    row,
    amountPaid,
    statusAfter(row, amountPaid),
    event.name,
  );
  await publishDomainEvent(
    transaction,
    context,
    event,
    { invoice_id: row.id, customer_id: row.customer_id },
    context.clock.now(),
  );
  return invoice;
}

/**
 * Applies a payment to the invoice: up to what remains on it. Returns the part
 * applied and the part left over (an overpayment, which the caller credits to
 * the customer's balance).
 */
export async function applyPaymentToInvoice(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoiceId: string,
  amount: Decimal,
): Promise<{ invoice: InvoiceRow; applied: Decimal; overpaid: Decimal }> {
  const row = await lockFinalizedInvoice(transaction, context, invoiceId, {
    code: "invoice_not_payable",
    onlyFinalized: "is paid",
  });
  const { applied, leftOver } = applyToInvoice(amount, amountRemaining(row));
  const amountPaid = new Decimal(row.amount_paid).plus(applied);
  const invoice = await changeAmountPaid(transaction, context, row, amountPaid, InvoicePaymentApplied);
  return { invoice, applied, overpaid: leftOver };
}

/**
 * Takes a refunded amount off what was paid; the invoice is open (or
 * partially paid) again. Never more than it was paid, unless `beyondPaid`: a
 * refund the provider already made that gave back what the invoice's
 * overpayment had paid of later invoices takes the amount paid below zero,
 * and the invoice is owed that much more than its amount due (billing rule 29).
 */
export async function applyRefundToInvoice(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoiceId: string,
  amount: Decimal,
  options: { beyondPaid?: boolean } = {},
): Promise<InvoiceRow> {
  const row = await lockFinalizedInvoice(transaction, context, invoiceId, {
    code: "invoice_not_refundable",
    onlyFinalized: "is refunded from",
  });
  const paid = new Decimal(row.amount_paid);
  if (amount.greaterThan(paid) && options.beyondPaid !== true) {
    throw conflict(
      "refund_exceeds_payments",
      `Invoice ${invoiceId} has ${row.amount_paid} paid; a refund of ${amount.toFixed()} is more than that.`,
    );
  }
  return changeAmountPaid(transaction, context, row, paid.minus(amount), InvoiceRefundApplied);
}

/**
 * A dispute of one of the invoice's payments was lost at `lostAt`: the
 * invoice keeps its status and amount paid, as Stripe's and Lago's do (the
 * money lost is the payment's, and finance books it); it says when, from the
 * first dispute lost on, audited.
 */
export async function recordPaymentDisputeLost(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoiceId: string,
  lostAt: Date,
): Promise<InvoiceRow> {
  const row = await lockInvoice(transaction, context, invoiceId);
  if (row.payment_dispute_lost_at !== null) return row;
  const updated = await updateTenantRow(transaction, context, "invoices", row.id, {
    payment_dispute_lost_at: lostAt,
    updated_at: context.clock.now(),
  });
  await recordAuditEvent(transaction, context, {
    action: "invoice.payment_dispute_lost",
    objectType: "invoice",
    objectId: row.id,
    before: { status: row.status, payment_dispute_lost_at: null },
    after: { status: updated.status, payment_dispute_lost_at: lostAt.toISOString() },
  });
  return updated;
}

/** Billing ops (or a dunning campaign's final action) give up on collecting the invoice. */
export async function markInvoiceUncollectible(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoiceId: string,
): Promise<InvoiceRow> {
  const row = await lockInvoice(transaction, context, invoiceId);
  if (row.status !== "open" && row.status !== "partially_paid") {
    throw conflict(
      "invoice_not_collectible",
      `Invoice ${invoiceId} is ${row.status}; only an open or partially paid invoice becomes uncollectible.`,
    );
  }
  return writePaymentState(
    transaction,
    context,
    row,
    new Decimal(row.amount_paid),
    "uncollectible",
    "invoice.marked_uncollectible",
  );
}
