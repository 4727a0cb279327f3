// The payload of a webhook delivery job, with its schema: a job written by one
// version of Fairbill may be run by the next, so the handler checks it.
import { type Static, Type } from "typebox";
import { jobPayloadReader } from "../platform/jobs/job-payloads.ts";

export const webhookDeliveryJobKind = "notifications.webhook_delivery";

const WebhookDeliveryJobPayloadSchema = Type.Union([
  Type.Object({
    deliveryId: Type.String(),
    trigger: Type.Literal("automatic"),
    /** Which attempt of the retry schedule this is, from 1. */
    attempt: Type.Integer({ minimum: 1 }),
  }),
  Type.Object({ deliveryId: Type.String(), trigger: Type.Literal("manual") }),
]);

export type WebhookDeliveryJobPayload = Static<typeof WebhookDeliveryJobPayloadSchema>;

export const readWebhookDeliveryJobPayload = jobPayloadReader(
  webhookDeliveryJobKind,
  WebhookDeliveryJobPayloadSchema,
);
