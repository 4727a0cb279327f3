// The manual provider: money arrives by bank transfer, cheque or cash and
// billing ops record it (POST /v1/invoices/{id}/payments); refunds are paid
// back by hand and recorded. Nothing is ever charged, so the calls that would
// charge are refused with what to do instead.
import { conflict } from "../platform/errors.ts";
import type { PaymentProvider } from "./payment-provider.ts";

function refuse(): never {
  throw conflict(
    "payment_provider_manual",
    "This environment records payments by hand (the manual provider): nothing is charged automatically. " +
      "Record money received with POST /v1/invoices/{id}/payments, or set up Stripe in the payment settings.",
  );
}

export const manualProvider: PaymentProvider = {
  name: "manual",
  saveCustomer: async () => refuse(),
  attachPaymentMethod: async () => refuse(),
  setUpPaymentMethod: async () => refuse(),
  charge: async () => refuse(),
  // The money goes back by hand; recording the refund is all there is to do.
  refund: async () => ({ status: "succeeded", providerRefundId: null, failureMessage: null }),
};
