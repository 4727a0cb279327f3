// Request and response bodies of the payments routes: payment settings,
// payment methods on file, payments, refunds and disputes, and the body of a
// provider's webhook.
import { type Static, Type } from "typebox";
import {
  NonNegativeDecimalString,
  Nullable,
  ObjectId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { manualPaymentMethods, paymentStatuses, providerNames } from "./tables.ts";

const Money = Type.String({ description: "an amount in the invoice's currency, as a decimal string" });
const ProviderId = Type.String({ minLength: 1, maxLength: 255, pattern: "^[A-Za-z0-9_]+$" });

export const PaymentSettingsBody = StrictObject({
  provider: StringEnum(providerNames, { description: "who collects invoices automatically" }),
  stripe: Type.Optional(
    StrictObject({
      secret_key: Type.String({
        pattern: "^(sk|rk)_(test|live)_[A-Za-z0-9]+$",
        maxLength: 255,
        examples: ["sk_test_51ExampleKey"],
        description: "a secret or restricted key from the Stripe dashboard",
      }),
      webhook_secret: Type.String({
        pattern: "^whsec_[A-Za-z0-9+/=_-]+$",
        maxLength: 255,
        description: "the signing secret of the webhook endpoint Stripe sends to",
      }),
      api_base_url: Type.Optional(
        Nullable(
          Type.String({
            pattern: "^https?://",
            maxLength: 2048,
            description:
              "another address for Stripe's API (a local server in tests); Stripe's own when left out",
          }),
        ),
      ),
    }),
  ),
});
export type PaymentSettingsInput = Static<typeof PaymentSettingsBody>;

export const PaymentSettingsSchema = Type.Object({
  provider: StringEnum(providerNames),
  stripe: Nullable(
    Type.Object({
      secret_key_hint: Type.String({ description: "the key's prefix and last four characters" }),
      webhook_secret_hint: Type.String(),
      api_base_url: Nullable(Type.String()),
      webhook_path: Type.String({
        description: "where to point the Stripe webhook endpoint of this environment",
      }),
    }),
  ),
});
export type PaymentSettingsView = Static<typeof PaymentSettingsSchema>;

export const AttachPaymentMethodBody = StrictObject({
  payment_method: { ...ProviderId, description: "the provider's payment method id, such as Stripe's pm_…" },
  default: Type.Optional(
    Type.Boolean({ description: "charge this method for the customer's invoices (default true)" }),
  ),
});
export type AttachPaymentMethodInput = Static<typeof AttachPaymentMethodBody>;

export const PaymentMethodSchema = Type.Object({
  id: Type.String(),
  customer_id: Type.String(),
  provider: StringEnum(providerNames),
  provider_payment_method_id: Type.String(),
  provider_customer_id: Type.String(),
  type: Type.String(),
  card: Nullable(
    Type.Object({
      brand: Type.String(),
      last4: Type.String(),
      exp_month: Type.Integer(),
      exp_year: Type.Integer(),
    }),
  ),
  is_default: Type.Boolean(),
  created_at: Timestamp,
});
export type PaymentMethodView = Static<typeof PaymentMethodSchema>;

export const RecordPaymentBody = StrictObject({
  amount: { ...NonNegativeDecimalString, description: "what was received, in the invoice's currency" },
  method: StringEnum(manualPaymentMethods),
  reference: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: "the bank reference or cheque number" }),
  ),
  received_at: Type.Optional({ ...Timestamp, description: "when the money arrived; now when left out" }),
});
export type RecordPaymentInput = Static<typeof RecordPaymentBody>;

export const RefundBody = StrictObject({
  amount: Type.Optional({
    ...NonNegativeDecimalString,
    description: "how much to give back; everything not yet refunded when left out",
  }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
export type RefundInput = Static<typeof RefundBody>;

export const MarkUncollectibleBody = StrictObject({
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
});

export const PaymentListQuery = StrictObject({
  invoice_id: Type.Optional(ObjectId),
  customer_id: Type.Optional(ObjectId),
  status: Type.Optional(StringEnum(paymentStatuses)),
});
export type PaymentListFilters = Static<typeof PaymentListQuery>;

/** The fields `GET /payments?sort=` orders by. */
export const paymentSortFields = ["amount", "status", "received_at", "created_at"] as const;
export type PaymentSortField = (typeof paymentSortFields)[number];

export const RefundSchema = Type.Object(
  {
    id: Type.String(),
    payment_id: Type.String(),
    invoice_id: Type.String(),
    customer_id: Type.String(),
    origin: StringEnum(["fairbill", "provider"], { description: "asked for here, or made at the provider" }),
    status: StringEnum(["pending", "succeeded", "failed"]),
    currency: Type.String(),
    amount: Money,
    amount_from_invoice: {
      ...Money,
      description:
        "taken off what was paid on the invoice; a refund made at the provider takes it below zero when it gave back what the invoice's overpayment paid of later invoices: the invoice is owed that again",
    },
    amount_from_balance: {
      ...Money,
      description:
        "taken from the customer balance, where the invoice's overpayments and what its credit notes gave back of it already paid went",
    },
    amount_lost: {
      ...Money,
      description:
        "of a refund made at the provider: what neither the balance covered nor an invoice can be owed again (its invoice void, or in another currency), booked by finance as a payment loss",
    },
    reason: Type.String(),
    provider_refund_id: Nullable(Type.String()),
    failure_message: Nullable(Type.String()),
    refunded_at: Nullable(Timestamp),
    created_at: Timestamp,
  },
  { title: "Refund" },
);
export type RefundView = Static<typeof RefundSchema>;

export const DisputeSchema = Type.Object(
  {
    id: Type.String(),
    payment_id: Type.String(),
    invoice_id: Type.String(),
    provider_dispute_id: Type.String(),
    currency: Type.String(),
    amount: Money,
    reason: Type.String(),
    status: Type.String({
      description:
        "the provider's: warning_needs_response, warning_under_review, needs_response, under_review while open; won, lost, warning_closed once closed",
      examples: ["needs_response", "lost"],
    }),
    opened_at: Timestamp,
    closed_at: Nullable({ ...Timestamp, description: "when the provider closed it" }),
    amount_from_balance: {
      ...Money,
      description:
        "of a dispute lost: taken back from the customer balance, where the payment's invoice had put it (an overpayment)",
    },
    amount_lost: {
      ...Money,
      description: "of a dispute lost: the rest, the seller's loss; the invoice stays as it was paid",
    },
  },
  { title: "PaymentDispute" },
);
export type DisputeView = Static<typeof DisputeSchema>;

export const PaymentSchema = Type.Object(
  {
    id: Type.String(),
    invoice_id: Type.String(),
    customer_id: Type.String(),
    provider: StringEnum(providerNames),
    method: StringEnum(["card", ...manualPaymentMethods]),
    origin: StringEnum(["manual", "automatic", "requested", "dunning_retry", "provider", "portal"]),
    status: StringEnum(paymentStatuses),
    currency: Type.String(),
    amount: Money,
    amount_applied: { ...Money, description: "the part that paid the invoice" },
    amount_to_balance: { ...Money, description: "an overpayment, owed to the customer on their balance" },
    amount_refunded: Money,
    amount_charged_back: { ...Money, description: "taken back by the customer's bank through disputes lost" },
    reference: Nullable(Type.String()),
    payment_method_id: Nullable(Type.String()),
    provider_payment_id: Nullable(Type.String()),
    failure: Nullable(
      Type.Object({
        code: Nullable(Type.String()),
        decline_code: Nullable(Type.String()),
        message: Nullable(Type.String()),
        hard_decline: Type.Boolean({ description: "retrying the same payment method cannot succeed" }),
      }),
    ),
    received_at: Nullable(Timestamp),
    created_at: Timestamp,
  },
  { title: "Payment" },
);
export type PaymentView = Static<typeof PaymentSchema>;

export const PaymentDetailSchema = Type.Object({
  ...PaymentSchema.properties,
  refunds: Type.Array(RefundSchema),
  disputes: Type.Array(DisputeSchema),
});
export type PaymentDetailView = Static<typeof PaymentDetailSchema>;

/** A Stripe event as it arrives: only what every event has is checked here; the signature vouches for the rest. */
export const StripeWebhookBody = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 255 }),
    type: Type.String({ minLength: 1, maxLength: 255 }),
    data: Type.Object({ object: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: true }),
  },
  { additionalProperties: true },
);

export const WebhookReceiptSchema = Type.Object({
  received: Type.Boolean(),
  event_id: Type.String(),
  outcome: StringEnum(["processed", "duplicate", "ignored"], {
    description: "ignored: an event type or object Fairbill does not act on",
  }),
});

export const SentReminderSchema = Type.Object(
  {
    invoice_id: Type.String(),
    email_id: Type.String({ description: "the email queued to the customer" }),
    template: StringEnum(["invoice_issued", "dunning_reminder"], {
      description: "the invoice again while it is not yet due, else the dunning reminder",
    }),
    days_overdue: Type.Integer({ minimum: 0 }),
  },
  { title: "SentReminder" },
);
