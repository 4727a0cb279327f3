// HTTP routes for usage events: ingestion (/v1/events, /v1/events/batch,
// /v1/events/backfill), the explorer, unattributed events and corrections.
import type { FastifySchemaCompiler } from "fastify";
import { Type } from "typebox";
import { PagedQuery, PageOf } from "../platform/http/pagination.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { ProblemSchema, standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { validatorCompiler } from "../platform/http/validation.ts";
import { amendEvent, voidEvent } from "./event-corrections.ts";
import { getEvent, listEvents, listUnattributedCustomers } from "./event-explorer.ts";
import {
  AmendEventBody,
  BatchQuery,
  BatchResultSchema,
  EventBatchBody,
  EventBatchEnvelope,
  EventDetailSchema,
  EventInputSchema,
  EventListQuery,
  EventPageSchema,
  type IngestedEvent,
  IngestedEventSchema,
  maximumBatchBytes,
  UnattributedCustomerSchema,
  VoidEventBody,
} from "./event-schemas.ts";
import { type IngestionOutcome, ingestEvents, type UnpricedEventCheck } from "./ingestion.ts";

const EventIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 255 }) });

const ingestionErrorResponses = { ...standardErrorResponses, 413: ProblemSchema };

// The batch routes document every event's shape but validate only the
// envelope up front, so that one bad event is refused alone, by its index.
const envelopeValidator = validatorCompiler({
  schema: EventBatchEnvelope,
  httpPart: "body",
  method: "POST",
  url: "/v1/events/batch",
});
const batchValidatorCompiler: FastifySchemaCompiler<unknown> = (definition) =>
  definition.httpPart === "body" ? envelopeValidator : validatorCompiler(definition);

/**
 * The event routes; `refuseUnpriced` (from the composition root) refuses the
 * events a dimensional price rejects, at ingestion, with a 400 or a rejection
 * naming the event.
 */
export function eventRoutes(options: { refuseUnpriced?: UnpricedEventCheck } = {}) {
  return (app: FairbillApp): void => registerEventRoutes(app, options.refuseUnpriced);
}

function registerEventRoutes(app: FairbillApp, refuseUnpriced: UnpricedEventCheck | undefined): void {
  const routes = defineRoutes(app, { tags: ["Events"], read: "events:read", write: "events:write" });

  routes.write(
    "POST /events",
    {
      operationId: "ingestEvent",
      summary: "Send one usage event",
      description:
        "201 when the event is stored (committed), 200 when an event with this id was stored before: it is " +
        "acknowledged and not counted again. A bad event gets 400 naming the field.",
      bodyLimit: maximumBatchBytes,
      body: EventInputSchema,
      response: IngestedEventSchema,
      status: [200, 201],
      statusOf: (ingested) => (ingested.status === "accepted" ? 201 : 200),
      errors: ingestionErrorResponses,
    },
    async ({ context, body }): Promise<IngestedEvent> => {
      const outcome = await ingestEvents(context, [body], {
        atomic: true,
        backfill: false,
        pathOf: () => "$",
        refuseUnpriced,
      });
      const accepted = outcome.accepted[0];
      if (accepted !== undefined) {
        return {
          id: accepted.id,
          status: "accepted",
          matched_meters: accepted.meters,
          ...(accepted.unmatchedHint === undefined ? {} : { hint: accepted.unmatchedHint }),
        };
      }
      return { id: body.id, status: "duplicate", matched_meters: [] };
    },
  );

  for (const route of [
    {
      spec: "POST /events/batch",
      operationId: "ingestEventBatch",
      backfill: false,
      // What an ingest key sends.
      permission: "events:write",
      summary: "Send up to 1,000 usage events",
      description:
        "Each event is checked on its own: the answer lists every rejected event (index, id, reason, path) and " +
        "every duplicate, and stores the rest; with ?atomic=true one bad event stores nothing (400). The body " +
        "may hold at most 1,000 events and 1 MiB (413 beyond). A 200 means the stored events are durable.",
    },
    {
      spec: "POST /events/backfill",
      operationId: "backfillEvents",
      backfill: true,
      // Past the age limit an event can change what was billed: a correction, not an ingest key's.
      permission: "events:manage",
      summary: "Import up to 1,000 past usage events",
      description:
        "Like /v1/events/batch, without the environment's limit on how old an event may be; the same ids are " +
        "duplicates of events sent live. Events before a meter's first version starts are kept but not counted.",
    },
  ] as const) {
    routes.write(
      route.spec,
      {
        operationId: route.operationId,
        permission: route.permission,
        summary: route.summary,
        description: route.description,
        bodyLimit: maximumBatchBytes,
        validatorCompiler: batchValidatorCompiler,
        query: BatchQuery,
        body: EventBatchBody,
        response: BatchResultSchema,
        errors: ingestionErrorResponses,
      },
      async ({ context, query, body }) => {
        const outcome = await ingestEvents(context, body.events as unknown[], {
          atomic: query.atomic ?? false,
          backfill: route.backfill,
          pathOf: (index) => `$.events[${index}]`,
          refuseUnpriced,
        });
        return presentBatch(outcome);
      },
    );
  }

  routes.read(
    "GET /events",
    {
      operationId: "listEvents",
      summary: "List raw events, newest first, with the meters each matched",
      description:
        "Months of raw events past the environment's retention (event_retention_months in the metering " +
        "settings) are archived to files and no longer listed: archived_before says from when events are listed.",
      query: EventListQuery,
      response: EventPageSchema,
    },
    ({ context, query }) => listEvents(context, query),
  );

  routes.read(
    "GET /events/unattributed",
    {
      operationId: "listUnattributedCustomers",
      summary: "Events of customer external ids that no customer has yet",
      description:
        "Such events are kept and counted under their external id; creating a customer with that external " +
        "id attributes them (usage is looked up by external id). Listed by external id.",
      query: PagedQuery(),
      response: PageOf(UnattributedCustomerSchema),
    },
    ({ context, query: { limit = 20, cursor } }) => listUnattributedCustomers(context, { limit, cursor }),
  );

  routes.read(
    "GET /events/:id",
    {
      operationId: "getEvent",
      summary: "Read an event by your id, with its previous states",
      params: EventIdParams,
      response: EventDetailSchema,
    },
    ({ context, params }) => getEvent(context, params.id),
  );

  routes.write(
    "POST /events/:id/amend",
    {
      operationId: "amendEvent",
      permission: "events:manage",
      summary: "Correct an event's timestamp or properties, with a reason",
      description: "The previous state is kept as a revision; usage is recounted in the same transaction.",
      params: EventIdParams,
      body: AmendEventBody,
      response: EventDetailSchema,
    },
    ({ context, params, body }) => amendEvent(context, params.id, body),
  );

  routes.write(
    "POST /events/:id/void",
    {
      operationId: "voidEvent",
      permission: "events:manage",
      summary: "Void an event with a reason: it is kept but no longer counted",
      params: EventIdParams,
      body: VoidEventBody,
      response: EventDetailSchema,
    },
    ({ context, params, body }) => voidEvent(context, params.id, body),
  );
}

function presentBatch(outcome: IngestionOutcome) {
  return {
    accepted: outcome.accepted.length,
    duplicates: outcome.duplicates,
    rejected: outcome.rejected,
    unmatched: outcome.accepted.flatMap(({ index, id, name, unmatchedHint }) =>
      unmatchedHint === undefined ? [] : [{ index, id, name, hint: unmatchedHint }],
    ),
  };
}
