// Stripe's webhooks to an environment (POST /v1/webhooks/stripe/{environment}).
// The signature is checked with the SDK against the environment's signing
// secret, over the exact bytes received. Each event is then processed in one
// transaction that first stores its id: a second delivery of the same event
// finds the id taken and changes nothing, so every event counts once however
// often Stripe sends it (and two deliveries at once wait for each other).
//
//   payment_intent.succeeded       the payment is recorded (an invoice paid outside Fairbill too,
//                                  when its metadata names the invoice)
//   payment_intent.payment_failed  the attempt fails, with its decline code; dunning moves on
//   charge.refunded                refunds made in Stripe's dashboard are recorded, also beyond what
//                                  the balance and the invoice cover (billing rule 29)
//   refund.updated                 a pending refund succeeds or fails
//   charge.dispute.created         the dispute is recorded for finance, and the customer is told
//   charge.dispute.updated,        the dispute follows Stripe's status to its close: won, or lost
//   charge.dispute.closed,         (the money taken back: billing rule 30); each carries the dispute
//   charge.dispute.funds_withdrawn, as it stands, so whichever arrives first records it, an older
//   charge.dispute.funds_reinstated  one changes nothing and a closed dispute stays closed
import Stripe from "stripe";
import { Decimal, sumDecimals } from "../core/index.ts";
import { lockInvoice } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { FairbillError } from "../platform/errors.ts";
import { isHardDecline } from "./decline-codes.ts";
import { recordDisputeReport } from "./dispute-outcomes.ts";
import { recordPaymentFailed, recordPaymentSucceeded } from "./payment-outcomes.ts";
import { readPaymentSettings } from "./payment-settings.ts";
import { insertPendingPayment, lockPayment, type PaymentRow, selectPayments } from "./payment-store.ts";
import { insertRefund, settleRefund } from "./refunds.ts";
import { refundResultOf, stripeAmount, stripeClient } from "./stripe-provider.ts";

type Outcome = "processed" | "duplicate" | "ignored";

function signatureRefused(detail: string): FairbillError {
  return new FairbillError({ code: "webhook_signature_invalid", status: 403, detail });
}

/** Verifies and processes one delivery; answers what became of the event. */
export async function receiveStripeWebhook(
  context: RequestContext,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<{ eventId: string; outcome: Outcome }> {
  const settings = await readPaymentSettings(context.database, context);
  if (settings.stripe === null) {
    throw new FairbillError({
      code: "not_found",
      status: 404,
      detail:
        "This environment has no Stripe webhook endpoint: Stripe is not set up in its payment settings.",
    });
  }
  if (signature === undefined || signature === "") {
    throw signatureRefused(
      "The request has no Stripe-Signature header; only Stripe's signed events are accepted.",
    );
  }
  let event: Stripe.Event;
  try {
    event = stripeClient(settings.stripe).webhooks.constructEvent(
      rawBody,
      signature,
      settings.stripe.webhookSecret,
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw signatureRefused(
        `The Stripe-Signature does not verify with this environment's signing secret: ${error.message}`,
      );
    }
    throw error;
  }
  const outcome = await context.database.transaction().execute(async (transaction): Promise<Outcome> => {
    const claimed = await transaction
      .insertInto("payment_provider_events")
      .values({
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        provider: "stripe",
        event_id: event.id,
        type: event.type,
        outcome: "processed",
        received_at: context.clock.now(),
      })
      .onConflict((conflicting) =>
        conflicting.columns(["environment_id", "provider", "event_id"]).doNothing(),
      )
      .returning("event_id")
      .executeTakeFirst();
    if (claimed === undefined) return "duplicate";
    const result = await processEvent(transaction, context, event);
    if (result === "ignored") {
      await transaction
        .updateTable("payment_provider_events")
        .set({ outcome: result })
        .where("environment_id", "=", context.environmentId)
        .where("provider", "=", "stripe")
        .where("event_id", "=", event.id)
        .execute();
    }
    return result;
  });
  return { eventId: event.id, outcome };
}

async function processEvent(
  transaction: DatabaseTransaction,
  context: RequestContext,
  event: Stripe.Event,
): Promise<Outcome> {
  switch (event.type) {
    case "payment_intent.succeeded":
      return paymentIntentSucceeded(transaction, context, event.data.object);
    case "payment_intent.payment_failed":
      return paymentIntentFailed(transaction, context, event.data.object);
    case "charge.refunded":
      return chargeRefunded(transaction, context, event.data.object);
    case "refund.updated":
      return refundUpdated(transaction, context, event.data.object);
    case "charge.dispute.created":
    case "charge.dispute.updated":
    case "charge.dispute.closed":
    case "charge.dispute.funds_withdrawn":
    case "charge.dispute.funds_reinstated":
      return disputeReported(transaction, context, event.data.object, new Date(event.created * 1000));
    default:
      return "ignored";
  }
}

const idOf = (reference: string | { id: string } | null) =>
  reference === null ? null : typeof reference === "string" ? reference : reference.id;

/** Our payment for a PaymentIntent: by the payment id Fairbill put in its metadata, else by the intent's id. */
async function paymentOfIntent(
  transaction: DatabaseTransaction,
  context: RequestContext,
  intent: { id: string; metadata?: Record<string, string> | null },
): Promise<PaymentRow | undefined> {
  const paymentId = intent.metadata?.fairbill_payment_id;
  const found = await selectPayments(transaction, context)
    .where((where) =>
      paymentId === undefined
        ? where("provider_payment_id", "=", intent.id)
        : where.or([where("id", "=", paymentId), where("provider_payment_id", "=", intent.id)]),
    )
    .where("provider", "=", "stripe")
    .executeTakeFirst();
  return found === undefined ? undefined : lockPayment(transaction, context, found.id);
}

async function paymentIntentSucceeded(
  transaction: DatabaseTransaction,
  context: RequestContext,
  intent: Stripe.PaymentIntent,
): Promise<Outcome> {
  const now = context.clock.now();
  let payment = await paymentOfIntent(transaction, context, intent);
  if (payment === undefined) {
    // Paid at Stripe outside Fairbill's own charges (a hosted page, the dashboard) for one of our invoices.
    const invoiceId = intent.metadata?.fairbill_invoice_id;
    if (invoiceId === undefined) return "ignored";
    const invoice = await lockInvoice(transaction, context, invoiceId).catch((error: unknown) => {
      if (error instanceof FairbillError && error.status === 404) return undefined;
      throw error;
    });
    if (invoice === undefined) return "ignored";
    payment = await insertPendingPayment(transaction, context, invoice, {
      provider: "stripe",
      method: "card",
      origin: "provider",
      currency: intent.currency.toUpperCase(),
      amount: stripeAmount(intent.amount_received, intent.currency).toFixed(),
      provider_payment_id: intent.id,
    });
  }
  await recordPaymentSucceeded(transaction, context, payment, {
    providerPaymentId: intent.id,
    receivedAt: now,
  });
  return "processed";
}

async function paymentIntentFailed(
  transaction: DatabaseTransaction,
  context: RequestContext,
  intent: Stripe.PaymentIntent,
): Promise<Outcome> {
  const payment = await paymentOfIntent(transaction, context, intent);
  if (payment === undefined) return "ignored";
  const lastError = intent.last_payment_error;
  const code = lastError?.code ?? null;
  const declineCode = lastError?.decline_code ?? null;
  await recordPaymentFailed(transaction, context, payment, {
    providerPaymentId: intent.id,
    failure: {
      code,
      declineCode,
      message: lastError?.message ?? "Stripe reported the payment as failed.",
      hardDecline: isHardDecline({ code, declineCode, adviceCode: lastError?.advice_code ?? null }),
    },
  });
  return "processed";
}

/** Refunds Stripe reports on a charge beyond those Fairbill knows of were made at Stripe: recorded here. */
async function chargeRefunded(
  transaction: DatabaseTransaction,
  context: RequestContext,
  charge: Stripe.Charge,
): Promise<Outcome> {
  const intentId = idOf(charge.payment_intent);
  if (intentId === null) return "ignored";
  const payment = await paymentOfIntent(transaction, context, { id: intentId });
  if (payment === undefined || payment.status !== "succeeded") return "ignored";
  const known = await transaction
    .selectFrom("refunds")
    .select("amount")
    .where("environment_id", "=", context.environmentId)
    .where("payment_id", "=", payment.id)
    .where("status", "!=", "failed")
    .execute();
  const refundedAtStripe = stripeAmount(charge.amount_refunded, charge.currency);
  const unrecorded = refundedAtStripe.minus(sumDecimals(known.map((refund) => new Decimal(refund.amount))));
  if (unrecorded.lessThanOrEqualTo(0)) return "processed";
  const refund = await insertRefund(transaction, context, payment, {
    amount: unrecorded,
    reason: "refunded at Stripe",
    origin: "provider",
  });
  await settleRefund(transaction, context, refund.id, {
    status: "succeeded",
    providerRefundId: null,
    failureMessage: null,
  });
  return "processed";
}

async function refundUpdated(
  transaction: DatabaseTransaction,
  context: RequestContext,
  stripeRefund: Stripe.Refund,
): Promise<Outcome> {
  const refundId = stripeRefund.metadata?.fairbill_refund_id;
  const refund = await transaction
    .selectFrom("refunds")
    .select("id")
    .where("environment_id", "=", context.environmentId)
    .where((where) =>
      refundId === undefined
        ? where("provider_refund_id", "=", stripeRefund.id)
        : where.or([where("id", "=", refundId), where("provider_refund_id", "=", stripeRefund.id)]),
    )
    .executeTakeFirst();
  if (refund === undefined) return "ignored";
  await settleRefund(transaction, context, refund.id, refundResultOf(stripeRefund));
  return "processed";
}

async function disputeReported(
  transaction: DatabaseTransaction,
  context: RequestContext,
  dispute: Stripe.Dispute,
  reportedAt: Date,
): Promise<Outcome> {
  const intentId = idOf(dispute.payment_intent);
  if (intentId === null) return "ignored";
  const payment = await paymentOfIntent(transaction, context, { id: intentId });
  if (payment === undefined) return "ignored";
  await recordDisputeReport(transaction, context, payment, {
    providerDisputeId: dispute.id,
    currency: dispute.currency.toUpperCase(),
    amount: stripeAmount(dispute.amount, dispute.currency),
    reason: dispute.reason,
    status: dispute.status,
    openedAt: new Date(dispute.created * 1000),
    reportedAt,
  });
  return "processed";
}
