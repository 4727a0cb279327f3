// The webhook events payments sends: a payment's outcome, refunds and the
// outcome of its disputes (each carrying the payment as the API shows it),
// and what they do to the invoice (the whole invoice, as invoicing shows it).
import { Type } from "typebox";
import { InvoiceSchema } from "../invoicing/index.ts";
import { defineWebhookEvent } from "../notifications/index.ts";
import { Nullable, Timestamp } from "../platform/http/schemas.ts";
import { DisputeSchema, PaymentSchema, RefundSchema } from "./payment-schemas.ts";

export const paymentSucceeded = defineWebhookEvent(
  "payment.succeeded",
  PaymentSchema,
  "A payment succeeded: recorded by hand, charged, or confirmed by the provider.",
);

export const paymentFailed = defineWebhookEvent(
  "payment.failed",
  PaymentSchema,
  "A payment was declined or refused; its failure says why.",
);

export const paymentRefunded = defineWebhookEvent(
  "payment.refunded",
  Type.Intersect([PaymentSchema, Type.Object({ refund: RefundSchema })], {
    title: "PaymentRefunded",
    description: "the payment after the refund, and the refund",
  }),
  "A refund of a payment succeeded, asked for here or made at the provider.",
);

export const paymentDisputeLost = defineWebhookEvent(
  "payment.dispute_lost",
  Type.Intersect([PaymentSchema, Type.Object({ dispute: DisputeSchema })], {
    title: "PaymentDisputeLost",
    description: "the payment after the dispute was lost (its amount_charged_back), and the dispute",
  }),
  "A dispute (chargeback) of a payment was lost: the customer's bank took the money back. The invoice stays as it was paid and records payment_dispute_lost_at; finance books the loss.",
);

export const paymentDisputeWon = defineWebhookEvent(
  "payment.dispute_won",
  Type.Intersect([PaymentSchema, Type.Object({ dispute: DisputeSchema })], {
    title: "PaymentDisputeWon",
    description: "the payment and the dispute, won",
  }),
  "A dispute (chargeback) of a payment was won: the money stays with the seller.",
);

export const invoicePaid = defineWebhookEvent(
  "invoice.paid",
  InvoiceSchema,
  "A payment settled what was left of an invoice: its status is now paid.",
);

export const invoicePaymentFailed = defineWebhookEvent(
  "invoice.payment_failed",
  Type.Intersect(
    [
      InvoiceSchema,
      Type.Object({
        payment: PaymentSchema,
        next_retry_at: Nullable({
          ...Timestamp,
          description: "when dunning tries again; null when no retry is coming",
        }),
      }),
    ],
    {
      title: "InvoicePaymentFailed",
      description: "the invoice, the payment that failed, and the next retry",
    },
  ),
  "A payment of an invoice failed; dunning retries it at next_retry_at, if any.",
);

export const paymentWebhookEvents = [
  paymentSucceeded,
  paymentFailed,
  paymentRefunded,
  paymentDisputeLost,
  paymentDisputeWon,
  invoicePaid,
  invoicePaymentFailed,
];
