// The JSON shapes of webhook endpoints, events and deliveries on the API.
import { type Static, Type } from "typebox";
import { Nullable, PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { allEventTypes } from "./webhook-event-types.ts";

const EndpointUrl = Type.String({
  minLength: 1,
  maxLength: 2048,
  description: "an http:// or https:// URL that receives the events as POST requests",
  examples: ["https://example.com/fairbill/webhooks"],
});

/**
 * The bodies and queries that name event types, for the catalogue's types:
 * an endpoint may filter only on a type some domain declared.
 */
export function eventTypeSchemas(eventTypes: readonly string[]) {
  const EventTypeFilter = StringEnum([allEventTypes, ...eventTypes], {
    description: 'an event type such as invoice.paid, or "*" for every type',
  });
  const EventTypeFilters = Type.Array(EventTypeFilter, {
    minItems: 1,
    maxItems: eventTypes.length + 1,
    uniqueItems: true,
    description: 'the event types the endpoint receives; ["*"] receives them all',
  });
  return {
    CreateWebhookEndpointBody: StrictObject({
      url: EndpointUrl,
      description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      event_types: EventTypeFilters,
      enabled: Type.Optional(Type.Boolean({ description: "default true" })),
    }),
    UpdateWebhookEndpointBody: StrictObject(
      {
        url: Type.Optional(EndpointUrl),
        description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
        event_types: Type.Optional(EventTypeFilters),
        enabled: Type.Optional(Type.Boolean({ description: "false stops deliveries to the endpoint" })),
      },
      { minProperties: 1 },
    ),
    EventListQuery: StrictObject({ type: Type.Optional(StringEnum(eventTypes)) }),
  };
}
type EventTypeSchemas = ReturnType<typeof eventTypeSchemas>;
export type CreateWebhookEndpointInput = Static<EventTypeSchemas["CreateWebhookEndpointBody"]>;
export type UpdateWebhookEndpointInput = Static<EventTypeSchemas["UpdateWebhookEndpointBody"]>;
export type EventListFilters = Static<EventTypeSchemas["EventListQuery"]>;

export const RotateSecretBody = StrictObject({
  previous_secret_valid_for_seconds: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 7 * 24 * 3600,
      description:
        "how long events are also signed with the old secret, so receivers can switch; 0 (the default) drops it at once",
    }),
  ),
});

export const WebhookEndpointSchema = Type.Object({
  id: PrefixedId("whe"),
  url: Type.String(),
  description: Nullable(Type.String()),
  event_types: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  previous_secret_expires_at: Nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type WebhookEndpoint = Static<typeof WebhookEndpointSchema>;

export const NewWebhookSecretSchema = Type.Object({
  endpoint: WebhookEndpointSchema,
  secret: Type.String({
    description: "the signing secret (whsec_…); shown only in this response",
    examples: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
  }),
});

const WebhookAttemptSchema = Type.Object({
  attempt_number: Type.Integer(),
  trigger: StringEnum(["automatic", "manual"]),
  status: StringEnum(["succeeded", "failed", "abandoned", "in_progress"], {
    description:
      "in_progress while the endpoint has not answered; abandoned when the worker making it died first (a later attempt of the same job follows)",
  }),
  started_at: Timestamp,
  latency_ms: Type.Integer({
    description:
      "until the answer; for an abandoned attempt, until it was found abandoned; 0 while in progress",
  }),
  response_status: Nullable(Type.Integer()),
  response_body_excerpt: Nullable(
    Type.String({
      description: "the first 256 bytes of the answer, shown to admins only (null for other roles)",
    }),
  ),
  error: Nullable(Type.String({ description: "why no answer came: refused, timed out, …" })),
});
export type WebhookAttempt = Static<typeof WebhookAttemptSchema>;

const deliveryStatuses = ["pending", "succeeded", "failed", "canceled"] as const;

export const WebhookDeliverySchema = Type.Object({
  id: PrefixedId("whd"),
  event_id: Type.String(),
  event_type: Type.String(),
  endpoint_id: Type.String(),
  status: StringEnum(deliveryStatuses, {
    description:
      "pending: an attempt is due; succeeded; failed: every retry was used up; canceled: the endpoint was disabled or deleted first",
  }),
  attempt_count: Type.Integer(),
  next_attempt_at: Nullable(Timestamp),
  last_attempt_at: Nullable(Timestamp),
  last_response_status: Nullable(Type.Integer()),
  attempts: Type.Array(WebhookAttemptSchema),
  created_at: Timestamp,
});
export type WebhookDelivery = Static<typeof WebhookDeliverySchema>;

export const WebhookEventSchema = Type.Object({
  id: PrefixedId("wev"),
  type: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown(), {
    description: "the object the event carries; its schema for each type is in the document's webhooks",
  }),
  created_at: Timestamp,
});
export type WebhookEvent = Static<typeof WebhookEventSchema>;

export const WebhookEventWithDeliveriesSchema = Type.Object({
  ...WebhookEventSchema.properties,
  deliveries: Type.Array(WebhookDeliverySchema),
});
export type WebhookEventWithDeliveries = Static<typeof WebhookEventWithDeliveriesSchema>;

export const DeliveryListQuery = StrictObject({ status: Type.Optional(StringEnum(deliveryStatuses)) });
export type DeliveryListFilters = Static<typeof DeliveryListQuery>;
