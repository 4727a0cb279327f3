// The front door of notifications: webhook events and customer emails, queued
// in the transaction of the change they report, and delivered by jobs.
// Other domains import only from here; everything else in the folder is private to it.
export { registerEmailRoutes } from "./email-routes.ts";
export { queueEmail } from "./emails.ts";
export { type EmailSettings, notificationJobHandlers } from "./notification-jobs.ts";
export type { WebhookEventType } from "./webhook-event-types.ts";
export { publishEvent } from "./webhook-events.ts";
export { registerWebhookRoutes } from "./webhook-routes.ts";
