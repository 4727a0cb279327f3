// The event types Fairbill reports to webhook endpoints. Other domains import
// `WebhookEventType` to publish with a type the compiler checks; endpoints
// filter on these names (or "*" for all of them).
export const webhookEventTypes = [
  "invoice.created",
  "invoice.finalized",
  "invoice.voided",
  "invoice.paid",
  "invoice.payment_failed",
  "credit_note.created",
  "payment.succeeded",
  "payment.failed",
  "payment.refunded",
  "subscription.created",
  "subscription.updated",
  "subscription.canceled",
  "subscription.paused",
  "subscription.resumed",
  "credit.granted",
  "credit.balance_low",
  "alert.triggered",
  "usage.threshold_reached",
  "customer.created",
  "customer.updated",
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

/** An endpoint's filter entry that matches every event type, including types added later. */
export const allEventTypes = "*";

/** Whether an endpoint with these filters receives events of `type`. */
export function filtersMatch(filters: readonly string[], type: WebhookEventType): boolean {
  return filters.includes(allEventTypes) || filters.includes(type);
}
