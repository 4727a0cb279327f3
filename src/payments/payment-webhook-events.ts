// The webhook events payments sends: a payment's outcome and refunds (each
// carrying the payment as the API shows it), and what they do to the invoice
// (the whole invoice, as invoicing shows it).
import { Type } from "typebox";
import { InvoiceSchema } from "../invoicing/index.ts";
import { defineWebhookEvent } from "../notifications/index.ts";
import { Nullable, Timestamp } from "../platform/http/schemas.ts";
import { PaymentSchema, RefundSchema } from "./payment-schemas.ts";

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
  invoicePaid,
  invoicePaymentFailed,
];
