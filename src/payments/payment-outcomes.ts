// What a payment's outcome changes, written in one transaction with the
// outcome itself: a success pays the invoice (any excess goes to the customer
// balance), ends its dunning and lifts a block on entitlements; a failure
// moves the invoice's dunning on (the first failure starts the retries).
// Each is written once: the payment row is locked and only a payment still
// waiting for its outcome takes one, so a provider's answer and its webhook
// arriving together change the books once.

import type { Updateable } from "kysely";
import { recordAuditEvent } from "../audit/index.ts";
import { Decimal, ZERO } from "../core/index.ts";
import { recordBalanceMovement } from "../credits/index.ts";
import { applyPaymentToInvoice, lockInvoice } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { dunningAfterFailure, endDunningOfPaidInvoice } from "./dunning-lifecycle.ts";
import { announcePaymentFailed, announcePaymentSucceeded } from "./payment-announcements.ts";
import type { PaymentFailure } from "./payment-provider.ts";
import { type PaymentRow, presentPayment } from "./payment-store.ts";
import type { PaymentTable } from "./tables.ts";

/**
 * Records that the money of `payment` arrived: applied to its invoice up to
 * what remains, the rest credited to the customer balance (all of it when the
 * invoice was voided meanwhile, or when the money came in another currency
 * than the invoice's: a payment made at the provider outside Fairbill's own
 * charges). Does nothing to a payment already succeeded.
 */
export async function recordPaymentSucceeded(
  transaction: DatabaseTransaction,
  context: RequestContext,
  payment: PaymentRow,
  details: { providerPaymentId: string | null; receivedAt: Date },
): Promise<PaymentRow> {
  if (payment.status === "succeeded") return payment;
  const amount = new Decimal(payment.amount);
  const current = await lockInvoice(transaction, context, payment.invoice_id);
  const payable =
    current.status !== "void" && current.status !== "draft" && current.currency === payment.currency;
  const { invoice, applied, overpaid } = !payable
    ? { invoice: current, applied: ZERO, overpaid: amount }
    : await applyPaymentToInvoice(transaction, context, payment.invoice_id, amount);
  if (overpaid.greaterThan(ZERO)) {
    await recordBalanceMovement(transaction, context, {
      customerId: payment.customer_id,
      currency: payment.currency,
      amount: overpaid,
      invoiceId: payment.invoice_id,
      reason:
        current.currency === payment.currency
          ? `overpayment of invoice ${invoice.number ?? invoice.id} by payment ${payment.id}`
          : `payment ${payment.id} in ${payment.currency} for invoice ${invoice.number ?? invoice.id} in ${current.currency}`,
    });
  }
  const updated = await writeOutcome(transaction, context, payment, {
    status: "succeeded",
    amount_applied: applied.toFixed(),
    amount_to_balance: overpaid.toFixed(),
    provider_payment_id: details.providerPaymentId ?? payment.provider_payment_id,
    received_at: details.receivedAt,
  });
  const paidInFull = current.status !== "paid" && invoice.status === "paid";
  if (invoice.status === "paid") await endDunningOfPaidInvoice(transaction, context, invoice.id);
  await announcePaymentSucceeded(transaction, context, updated, invoice, paidInFull);
  return updated;
}

/** Records a declined or refused payment, and what dunning does next. Only a pending payment fails. */
export async function recordPaymentFailed(
  transaction: DatabaseTransaction,
  context: RequestContext,
  payment: PaymentRow,
  details: { providerPaymentId: string | null; failure: PaymentFailure },
): Promise<PaymentRow> {
  if (payment.status !== "pending") return payment;
  const { failure } = details;
  const updated = await writeOutcome(transaction, context, payment, {
    status: "failed",
    provider_payment_id: details.providerPaymentId ?? payment.provider_payment_id,
    failure_code: failure.code,
    decline_code: failure.declineCode,
    failure_message: failure.message.slice(0, 1000),
    hard_decline: failure.hardDecline,
  });
  const invoice = await lockInvoice(transaction, context, payment.invoice_id);
  const nextRetryAt = await dunningAfterFailure(transaction, context, updated, invoice);
  await announcePaymentFailed(transaction, context, updated, invoice, nextRetryAt);
  return updated;
}

/**
 * Writes the outcome on the payment's row and audits it as `payment.succeeded`
 * or `payment.failed` (a payment that was pending had no earlier state to show).
 */
async function writeOutcome(
  transaction: DatabaseTransaction,
  context: RequestContext,
  payment: PaymentRow,
  outcome: Updateable<PaymentTable> & { status: "succeeded" | "failed" },
): Promise<PaymentRow> {
  const updated = await updateTenantRow(transaction, context, "payments", payment.id, {
    ...outcome,
    updated_at: context.clock.now(),
  });
  await recordAuditEvent(transaction, context, {
    action: `payment.${outcome.status}`,
    objectType: "payment",
    objectId: payment.id,
    before: payment.status === "pending" ? null : { status: payment.status },
    after: { ...presentPayment(updated) },
  });
  return updated;
}
