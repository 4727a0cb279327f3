// The JSON shapes of usage events on the API: what a producer sends, what
// ingestion answers, and what the event explorer shows.
import { type Static, Type } from "typebox";
import { PageOf } from "../platform/http/pagination.ts";
import { DateTimeString, Nullable, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const maximumBatchEvents = 1_000;
/** The largest request body of an ingestion route: 1 MiB. */
export const maximumBatchBytes = 1_048_576;

const EventId = Type.String({
  minLength: 1,
  maxLength: 255,
  description:
    "your id for the event, unique in the environment: a repeat is acknowledged and not counted again",
});

const CustomerExternalId = Type.String({
  minLength: 1,
  maxLength: 255,
  description: "the external id of the customer; events of a customer not created yet are kept for it",
});

const EventName = Type.String({
  minLength: 1,
  maxLength: 255,
  description: "what happened, such as api_call",
});

const EventTimestamp = Type.String({
  format: "date-time",
  description:
    "RFC 3339, when it happened; default: when it arrives. At most 5 minutes ahead, and no older than the " +
    "environment's event_past_window_days (backfill excepted). Digits beyond milliseconds are dropped.",
});

const Properties = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
  maxProperties: 100,
  description: "what meters read: numbers (or numeric strings) for sums, values for filters and groups",
});

export const EventInputSchema = StrictObject({
  id: EventId,
  customer: CustomerExternalId,
  name: EventName,
  timestamp: Type.Optional(EventTimestamp),
  properties: Type.Optional(Properties),
});
export type EventInput = Static<typeof EventInputSchema>;

export const EventBatchBody = StrictObject({
  events: Type.Array(EventInputSchema, {
    minItems: 1,
    maxItems: maximumBatchEvents,
    description: `1 to ${maximumBatchEvents} events; the whole body at most 1 MiB`,
  }),
});

/**
 * What the batch routes validate up front: the envelope only. Each event is
 * then checked on its own, so one bad event is reported by its index instead
 * of failing the batch.
 */
export const EventBatchEnvelope = StrictObject({
  events: Type.Array(Type.Unknown(), {
    minItems: 1,
    maxItems: maximumBatchEvents,
    description: `1 to ${maximumBatchEvents} events; the whole body at most 1 MiB`,
  }),
});

export const BatchQuery = StrictObject({
  atomic: Type.Optional(
    Type.Boolean({
      description: "true: store nothing and answer 400 when any event is invalid; default false",
    }),
  ),
});

const MatchedMeter = Type.Object({ code: Type.String(), version: Type.Integer() });

export const IngestedEventSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal("accepted"), Type.Literal("duplicate")], {
    description: "duplicate: an event with this id was stored before; it is not counted again",
  }),
  matched_meters: Type.Array(MatchedMeter, { description: "the meter versions that count the event" }),
  hint: Type.Optional(
    Type.String({ description: "when no meter counts the stored event: why (a misspelt name, most often)" }),
  ),
});
export type IngestedEvent = Static<typeof IngestedEventSchema>;

const FieldErrorSchema = Type.Object({ path: Type.String(), message: Type.String() });

const RejectedEventSchema = Type.Object({
  index: Type.Integer({ description: "the event's position in the batch, from 0" }),
  id: Nullable(Type.String()),
  code: Type.String({
    description:
      "invalid_event, timestamp_in_future, timestamp_too_old, property_missing, property_not_numeric or property_out_of_range",
  }),
  reason: Type.String(),
  path: Type.String({ description: "JSON path of the first bad field" }),
  errors: Type.Array(FieldErrorSchema, { description: "every problem found, by path" }),
});
export type RejectedEvent = Static<typeof RejectedEventSchema>;

export const BatchResultSchema = Type.Object({
  accepted: Type.Integer({ description: "events stored by this request (durable when the answer arrives)" }),
  duplicates: Type.Array(Type.Object({ index: Type.Integer(), id: Type.String() }), {
    description:
      "events whose id was stored before (or earlier in this batch): acknowledged, not counted again",
  }),
  rejected: Type.Array(RejectedEventSchema, { description: "events not stored, each with why" }),
  unmatched: Type.Array(
    Type.Object({ index: Type.Integer(), id: Type.String(), name: Type.String(), hint: Type.String() }),
    {
      description:
        "events stored by this request that no meter counts (kept, and counted once a meter for them exists " +
        "from their timestamp): a misspelt event name shows here",
    },
  ),
});
export type BatchResult = Static<typeof BatchResultSchema>;

/** What an event says: the event's fields, and each previous state's. */
const eventContentFields = {
  customer: Type.String(),
  name: Type.String(),
  timestamp: Timestamp,
  properties: Type.Record(Type.String(), Type.Unknown()),
};

const EventSchema = Type.Object({
  id: Type.String(),
  ...eventContentFields,
  received_at: Timestamp,
  revision: Type.Integer({ description: "0 as sent; each amendment or void adds one" }),
  voided_at: Nullable(Timestamp),
  matched_meters: Type.Array(MatchedMeter, { description: "the meter versions that count the event now" }),
});
export type EventView = Static<typeof EventSchema>;

const EventRevisionSchema = Type.Object({
  revision: Type.Integer(),
  ...eventContentFields,
  voided_at: Nullable(Timestamp),
  change: Type.String({ description: "what replaced this state: amended or voided" }),
  reason: Type.String(),
  changed_at: Timestamp,
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()) }),
  request_id: Nullable(Type.String()),
});

export const EventDetailSchema = Type.Object({
  ...EventSchema.properties,
  revisions: Type.Array(EventRevisionSchema, { description: "each previous state, oldest first" }),
});
export type EventDetail = Static<typeof EventDetailSchema>;

export const EventListQuery = StrictObject({
  customer: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  from: Type.Optional(DateTimeString("events at or after this instant")),
  to: Type.Optional(DateTimeString("events before this instant")),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: 20, description: "page size, 1 to 100" }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 600, description: "next_cursor of the previous page" })),
});
export type EventListFilters = Static<typeof EventListQuery>;

export const EventPageSchema = Type.Object({
  ...PageOf(EventSchema).properties,
  archived_before: Type.Union([Timestamp, Type.Null()], {
    description:
      "raw events before this instant were archived by retention (event_retention_months) and are not listed; " +
      "their usage still counts. Null when none are",
  }),
});
export type EventPage = Static<typeof EventPageSchema>;

const Reason = Type.String({ minLength: 1, maxLength: 1000, description: "why; kept with the revision" });

export const AmendEventBody = StrictObject({
  timestamp: Type.Optional(EventTimestamp),
  properties: Type.Optional(Properties),
  reason: Reason,
});
export type AmendEventInput = Static<typeof AmendEventBody>;

export const VoidEventBody = StrictObject({ reason: Reason });
export type VoidEventInput = Static<typeof VoidEventBody>;

export const UnattributedCustomerSchema = Type.Object({
  customer: Type.String({ description: "an external id that no customer of the environment has" }),
  event_count: Type.Integer(),
  first_timestamp: Timestamp,
  last_timestamp: Timestamp,
  events: Type.Array(EventSchema, {
    description: "its newest events (at most 10); list more with GET /v1/events?customer=",
  }),
});
export type UnattributedCustomer = Static<typeof UnattributedCustomerSchema>;
