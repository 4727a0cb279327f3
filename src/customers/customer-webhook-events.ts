// The webhook events customers sends, each carrying the customer as the API
// shows it.
import { defineWebhookEvent } from "../notifications/index.ts";
import { CustomerSchema } from "./customer-schemas.ts";

export const customerCreated = defineWebhookEvent(
  "customer.created",
  CustomerSchema,
  "A customer was created (POST /v1/customers).",
);

export const customerUpdated = defineWebhookEvent(
  "customer.updated",
  CustomerSchema,
  "A customer's fields changed (PATCH /v1/customers/{id}) or the customer was archived (archived_at is set).",
);

export const customerWebhookEvents = [customerCreated, customerUpdated];
