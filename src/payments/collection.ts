// Collecting an invoice through the environment's provider: when it is
// finalized (a job, so the bill run never waits on a card network), when
// billing ops ask (POST /v1/invoices/{id}/collect), and on dunning retries.
// Three steps, never a transaction held across the provider call: store the
// attempt as a pending payment, ask the provider (the payment's id is the
// idempotency key), record the answer. An attempt cut short (a crash, the
// provider unreachable) stays pending and the next attempt resumes it with
// the same key, so the customer is charged at most once per attempt.
import { Decimal } from "../core/index.ts";
import { amountRemaining, findInvoiceRow, InvoiceFinalized, lockInvoice } from "../invoicing/index.ts";
import { fixedClock } from "../platform/clock.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { updateTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { subscribe } from "../platform/events/domain-events.ts";
import { enqueueJob } from "../platform/jobs/job-queue.ts";
import { startDunning } from "./dunning-lifecycle.ts";
import { collectInvoiceJobKind } from "./payment-job-payloads.ts";
import { methodsWithProviderCustomers } from "./payment-methods.ts";
import { recordPaymentFailed, recordPaymentSucceeded } from "./payment-outcomes.ts";
import type { ChargeRequest, ChargeResult } from "./payment-provider.ts";
import { providerFor, readPaymentSettings } from "./payment-settings.ts";
import { insertPendingPayment, lockPayment, type PaymentRow } from "./payment-store.ts";
import type { PaymentOrigin } from "./tables.ts";

export type CollectionOutcome =
  | { attempted: true; payment: PaymentRow }
  | { attempted: false; reason: string; payment: PaymentRow | null };

/** The customer's default payment method with the provider's customer it belongs to, if any. */
async function defaultPaymentMethod(database: Database, context: RequestContext, customerId: string) {
  return methodsWithProviderCustomers(database)
    .select([
      "payment_methods.id",
      "payment_methods.provider_payment_method_id",
      "payment_provider_customers.provider_customer_id",
    ])
    .where(inTenant(context, "payment_methods"))
    .where("payment_methods.customer_id", "=", customerId)
    .where("payment_methods.provider", "=", "stripe")
    .where("payment_methods.is_default", "=", true)
    .executeTakeFirst();
}

/**
 * When invoicing finalizes an invoice (a domain event, after its commit): the
 * invoice enters dunning, and when the environment charges through Stripe and
 * the customer has a payment method on file, a job charges it. Dunning is
 * dated when the invoice was finalized.
 */
export const collectFinalizedInvoice = subscribe(
  InvoiceFinalized,
  "payments.collect_finalized_invoice",
  async (context, event) => {
    const atFinalization = { ...context, clock: fixedClock(event.occurredAt) };
    const transaction = context.database;
    const invoice = await lockInvoice(transaction, atFinalization, event.data.invoice_id);
    if (invoice.status !== "open" && invoice.status !== "partially_paid") return;
    if (amountRemaining(invoice).isZero()) return;
    await startDunning(transaction, atFinalization, invoice);
    const settings = await readPaymentSettings(transaction, atFinalization);
    if (settings.provider !== "stripe") return;
    if ((await defaultPaymentMethod(transaction, atFinalization, invoice.customer_id)) === undefined) return;
    await enqueueJob(transaction, {
      kind: collectInvoiceJobKind,
      payload: { invoiceId: invoice.id },
      scope: { organizationId: context.organizationId, environmentId: context.environmentId },
      // Due at once by the database's clock: charging is real I/O, on real time.
      uniqueKey: `${collectInvoiceJobKind}:${invoice.id}`,
    });
  },
);

type Prepared =
  | { kind: "charge"; payment: PaymentRow }
  | { kind: "none"; reason: string; payment: PaymentRow | null };

/** Step one: the attempt as a pending payment, or why there is nothing to charge. */
async function prepareAttempt(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoiceId: string,
  options: { origin: PaymentOrigin; dunningStepId?: string },
): Promise<Prepared> {
  const invoice = await lockInvoice(transaction, context, invoiceId);
  if (invoice.status !== "open" && invoice.status !== "partially_paid") {
    return { kind: "none", reason: `the invoice is ${invoice.status.replaceAll("_", " ")}`, payment: null };
  }
  const remaining = amountRemaining(invoice);
  if (remaining.isZero()) return { kind: "none", reason: "nothing remains to be paid", payment: null };
  const unfinished = await selectInTenant(transaction, context, "payments")
    .where("invoice_id", "=", invoiceId)
    .where("status", "=", "pending")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (unfinished !== undefined) {
    // Never answered: ask again with the same key. Answered "processing": its webhook will settle it.
    return unfinished.provider_payment_id === null
      ? { kind: "charge", payment: unfinished }
      : { kind: "none", reason: "a payment of this invoice is still being processed", payment: unfinished };
  }
  const settings = await readPaymentSettings(transaction, context);
  if (settings.provider !== "stripe") {
    return { kind: "none", reason: "this environment records payments by hand", payment: null };
  }
  const method = await defaultPaymentMethod(transaction, context, invoice.customer_id);
  if (method === undefined) {
    return { kind: "none", reason: "the customer has no payment method on file", payment: null };
  }
  const payment = await insertPendingPayment(transaction, context, invoice, {
    provider: "stripe",
    method: "card",
    origin: options.origin,
    currency: invoice.currency,
    amount: remaining.toFixed(),
    payment_method_id: method.id,
  });
  if (options.dunningStepId !== undefined) {
    await transaction
      .updateTable("dunning_steps")
      .set({ payment_id: payment.id })
      .where("id", "=", options.dunningStepId)
      .execute();
  }
  return { kind: "charge", payment };
}

async function chargeRequestOf(
  database: Database,
  context: RequestContext,
  payment: PaymentRow,
): Promise<ChargeRequest> {
  const method = await methodsWithProviderCustomers(database)
    .select(["payment_methods.provider_payment_method_id", "payment_provider_customers.provider_customer_id"])
    .where("payment_methods.id", "=", payment.payment_method_id ?? "")
    .where("payment_methods.environment_id", "=", context.environmentId)
    .executeTakeFirstOrThrow();
  const invoice = await findInvoiceRow(database, context, payment.invoice_id);
  return {
    paymentId: payment.id,
    invoiceId: payment.invoice_id,
    invoiceNumber: invoice.number,
    environmentId: context.environmentId,
    amount: new Decimal(payment.amount),
    currency: payment.currency,
    providerCustomerId: method.provider_customer_id,
    providerPaymentMethodId: method.provider_payment_method_id,
  };
}

/** Step three: the provider's answer, recorded once (its webhook may have recorded it already). */
async function recordChargeResult(
  context: RequestContext,
  paymentId: string,
  result: ChargeResult,
): Promise<PaymentRow> {
  return context.database.transaction().execute(async (transaction) => {
    const payment = await lockPayment(transaction, context, paymentId);
    if (payment.status !== "pending") return payment;
    if (result.status === "succeeded") {
      return recordPaymentSucceeded(transaction, context, payment, {
        providerPaymentId: result.providerPaymentId,
        receivedAt: context.clock.now(),
      });
    }
    if (result.status === "failed") {
      return recordPaymentFailed(transaction, context, payment, {
        providerPaymentId: result.providerPaymentId,
        failure: result.failure,
      });
    }
    return updateTenantRow(transaction, context, "payments", payment.id, {
      provider_payment_id: result.providerPaymentId,
      updated_at: context.clock.now(),
    });
  });
}

/** Charges what remains on the invoice with the customer's default payment method, once. */
export async function attemptCollection(
  context: RequestContext,
  invoiceId: string,
  options: { origin: PaymentOrigin; dunningStepId?: string },
): Promise<CollectionOutcome> {
  const prepared = await context.database
    .transaction()
    .execute((transaction) => prepareAttempt(transaction, context, invoiceId, options));
  if (prepared.kind === "none")
    return { attempted: false, reason: prepared.reason, payment: prepared.payment };
  return { attempted: true, payment: await chargePayment(context, prepared.payment) };
}

/** Steps two and three for a pending payment: ask the provider, record the answer. */
export async function chargePayment(context: RequestContext, payment: PaymentRow): Promise<PaymentRow> {
  const settings = await readPaymentSettings(context.database, context);
  const provider = providerFor(settings, payment.provider);
  const request = await chargeRequestOf(context.database, context, payment);
  const result = await provider.charge(request);
  return recordChargeResult(context, payment.id, result);
}
