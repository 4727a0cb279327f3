// The webhook events subscriptions sends, each carrying the subscription as
// the API shows it just after the change (its timeline, status and period
// read at the change).
import { defineWebhookEvent } from "../notifications/index.ts";
import { SubscriptionSchema } from "./subscription-schemas.ts";

export const subscriptionCreated = defineWebhookEvent(
  "subscription.created",
  SubscriptionSchema,
  "A subscription was created on a plan version.",
);

export const subscriptionUpdated = defineWebhookEvent(
  "subscription.updated",
  SubscriptionSchema,
  "A plan change was recorded on a subscription's timeline (by hand or by a plan migration).",
);

export const subscriptionCanceled = defineWebhookEvent(
  "subscription.canceled",
  SubscriptionSchema,
  "A cancellation was recorded; ends_at says when the subscription ends.",
);

export const subscriptionPaused = defineWebhookEvent(
  "subscription.paused",
  SubscriptionSchema,
  "A pause was recorded; its pauses say from when and until when.",
);

export const subscriptionResumed = defineWebhookEvent(
  "subscription.resumed",
  SubscriptionSchema,
  "A pause was ended.",
);

export const subscriptionWebhookEvents = [
  subscriptionCreated,
  subscriptionUpdated,
  subscriptionCanceled,
  subscriptionPaused,
  subscriptionResumed,
];
