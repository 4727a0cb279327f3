// The one interface every way of collecting money implements. Fairbill asks a
// provider to keep a customer and a payment method on file, to charge an
// invoice's amount, and to refund; the provider answers with plain results.
// Calls to a provider are real I/O: they are never made inside a database
// transaction, and each carries Fairbill's own id as its idempotency key, so
// a call repeated after a crash charges or refunds once.
import type { Decimal } from "../core/index.ts";
import type { ProviderName } from "./tables.ts";

export type ProviderCustomer = { id: string; name: string | null; email: string | null };

export type SavedPaymentMethod = {
  providerPaymentMethodId: string;
  type: string;
  card: { brand: string; last4: string; expMonth: number; expYear: number } | null;
};

export type ChargeRequest = {
  /** Fairbill's payment id: the idempotency key, and kept with the charge so its webhooks find the payment. */
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string | null;
  environmentId: string;
  amount: Decimal;
  currency: string;
  providerCustomerId: string;
  providerPaymentMethodId: string;
};

export type PaymentFailure = {
  code: string | null;
  declineCode: string | null;
  message: string;
  /** Retrying the same payment method cannot succeed (see decline-codes.ts). */
  hardDecline: boolean;
};

export type ChargeResult =
  | { status: "succeeded" | "processing"; providerPaymentId: string }
  | { status: "failed"; providerPaymentId: string | null; failure: PaymentFailure };

export type RefundRequest = {
  refundId: string;
  paymentId: string;
  providerPaymentId: string | null;
  amount: Decimal;
  currency: string;
};

export type RefundResult = {
  status: "succeeded" | "pending" | "failed";
  providerRefundId: string | null;
  failureMessage: string | null;
};

export type PaymentProvider = {
  readonly name: ProviderName;
  /** The provider's customer for a Fairbill customer, created once (the Fairbill id is the idempotency key). */
  saveCustomer(customer: ProviderCustomer): Promise<string>;
  /** Puts a payment method (already collected by the provider's own form) on file for the customer. */
  attachPaymentMethod(
    providerCustomerId: string,
    providerPaymentMethodId: string,
  ): Promise<SavedPaymentMethod>;
  /**
   * Sets up a payment method while the customer is present (a Stripe SetupIntent,
   * confirmed at once): the customer agrees to be charged later without being
   * there, and the method is attached to the provider's customer. `setupId`
   * (Fairbill's id for the attempt) is the idempotency key.
   */
  setUpPaymentMethod(
    providerCustomerId: string,
    providerPaymentMethodId: string,
    setupId: string,
  ): Promise<SavedPaymentMethod>;
  /** Charges a payment method on file, without the customer present. */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
};
