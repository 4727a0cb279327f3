// The webhook event integrations sends when an object could not be synced
// and waits in the error queue for a person (retry, skip, or fix a mapping).
import { defineWebhookEvent } from "../notifications/index.ts";
import { SyncSchema } from "./integration-schemas.ts";

export const syncFailed = defineWebhookEvent(
  "integration.sync_failed",
  SyncSchema,
  "An object could not be sent to an accounting system (after retries where the system was busy or failing); " +
    "it waits in the error queue.",
);

export const integrationWebhookEvents = [syncFailed];
