// The front door of payments: collection, dunning, refunds and payment
// providers, with their routes, jobs and domain event subscribers.
// Other domains import only from here; everything else in the folder is private to it.
export { attemptCollection, type CollectionOutcome, collectFinalizedInvoice } from "./collection.ts";
export { enqueueDueDunning } from "./dunning-runner.ts";
export { entitlementsBlockedByDunning } from "./entitlement-blocks.ts";
export { loadPaymentFacts, type PaymentFacts } from "./payment-facts.ts";
export { paymentJobHandlers } from "./payment-jobs.ts";
export {
  attachPaymentMethod,
  customersWithoutAutomaticPayment,
  listPaymentMethods,
} from "./payment-methods.ts";
export { registerPaymentRoutes } from "./payment-routes.ts";
export { PaymentMethodSchema, type PaymentMethodView } from "./payment-schemas.ts";
export { paymentSecretColumns } from "./payment-settings.ts";
export { getPayment } from "./payment-store.ts";
export { paymentWebhookEvents } from "./payment-webhook-events.ts";
export { stripeClient } from "./stripe-provider.ts";
export { paymentWarehouseRows } from "./warehouse-rows.ts";
