// The front door of notifications: webhook events and customer emails, queued
// in the transaction of the change they report, and delivered by jobs. A
// domain declares the webhook events it sends (defineWebhookEvent, with the
// schema of the object each carries) and publishes with the declaration; the
// composition root gathers the declarations (webhookCatalogue) for the
// endpoints' filters and the OpenAPI document (webhookDocument).
// Other domains import only from here; everything else in the folder is private to it.
export { registerEmailRoutes } from "./email-routes.ts";
export type { EmailTemplateFields, EmailTemplateName } from "./email-template-catalog.ts";
export { type EmailRecipient, queueCustomerEmail, queueEmail, queueEmails } from "./emails.ts";
export { type EmailSettings, notificationJobHandlers } from "./notification-jobs.ts";
export { webhookDocument, webhookPayloadErrors } from "./webhook-document.ts";
export { enabledWebhookEndpointIds, webhookSecretColumns } from "./webhook-endpoints.ts";
export {
  defineWebhookEvent,
  type WebhookCatalogue,
  type WebhookEventDefinition,
  webhookCatalogue,
} from "./webhook-event-types.ts";
export { newWebhookEventId, publishEvent, publishEvents } from "./webhook-events.ts";
export { webhookRoutes } from "./webhook-routes.ts";
