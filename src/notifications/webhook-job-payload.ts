// The payload of a webhook delivery job, with its schema: a job written by one
// version of Fairbill may be run by the next, so the handler checks it.
import { type Static, Type } from "typebox";
import { Value } from "typebox/value";

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

export function readWebhookDeliveryJobPayload(payload: unknown): WebhookDeliveryJobPayload {
  if (!Value.Check(WebhookDeliveryJobPayloadSchema, payload)) {
    throw new Error(`A webhook delivery job has a payload it cannot read: ${JSON.stringify(payload)}`);
  }
  return payload;
}
