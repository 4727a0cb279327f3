// HTTP routes for usage events: ingestion (/v1/events, /v1/events/batch,
// /v1/events/backfill), the explorer, unattributed events and corrections.
import type { FastifySchemaCompiler } from "fastify";
import { Type } from "typebox";
import { PageOf, PageQuery } from "../platform/http/pagination.ts";
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
  EventSchema,
  IngestedEventSchema,
  maximumBatchBytes,
  UnattributedCustomerSchema,
  VoidEventBody,
} from "./event-schemas.ts";
import { type IngestionOutcome, ingestEvents } from "./ingestion.ts";

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

export function registerEventRoutes(app: FairbillApp): void {
  const tags = ["Events"];
  const read = { permission: "events:read" as const };
  const write = { permission: "events:write" as const };

  app.post(
    "/events",
    {
      config: write,
      bodyLimit: maximumBatchBytes,
      schema: {
        tags,
        summary: "Send one usage event",
        description:
          "201 when the event is stored (committed), 200 when an event with this id was stored before: it is " +
          "acknowledged and not counted again. A bad event gets 400 naming the field.",
        body: EventInputSchema,
        response: { 200: IngestedEventSchema, 201: IngestedEventSchema, ...ingestionErrorResponses },
      },
    },
    async (request, reply) => {
      const outcome = await ingestEvents(request.context, [request.body], {
        atomic: true,
        backfill: false,
        pathOf: () => "$",
      });
      const accepted = outcome.accepted[0];
      if (accepted !== undefined) {
        return reply.code(201).send({ id: accepted.id, status: "accepted", matched_meters: accepted.meters });
      }
      return reply.code(200).send({ id: request.body.id, status: "duplicate", matched_meters: [] });
    },
  );

  for (const route of [
    {
      path: "/events/batch",
      backfill: false,
      summary: "Send up to 1,000 usage events",
      description:
        "Each event is checked on its own: the answer lists every rejected event (index, id, reason, path) and " +
        "every duplicate, and stores the rest; with ?atomic=true one bad event stores nothing (400). The body " +
        "may hold at most 1,000 events and 1 MiB (413 beyond). A 200 means the stored events are durable.",
    },
    {
      path: "/events/backfill",
      backfill: true,
      summary: "Import up to 1,000 past usage events",
      description:
        "Like /v1/events/batch, without the environment's limit on how old an event may be; the same ids are " +
        "duplicates of events sent live. Events before a meter's first version starts are kept but not counted.",
    },
  ]) {
    app.post(
      route.path,
      {
        config: write,
        bodyLimit: maximumBatchBytes,
        validatorCompiler: batchValidatorCompiler,
        schema: {
          tags,
          summary: route.summary,
          description: route.description,
          querystring: BatchQuery,
          body: EventBatchBody,
          response: { 200: BatchResultSchema, ...ingestionErrorResponses },
        },
      },
      async (request) => {
        const outcome = await ingestEvents(request.context, request.body.events as unknown[], {
          atomic: request.query.atomic ?? false,
          backfill: route.backfill,
          pathOf: (index) => `$.events[${index}]`,
        });
        return presentBatch(outcome);
      },
    );
  }

  app.get(
    "/events",
    {
      config: read,
      schema: {
        tags,
        summary: "List raw events, newest first, with the meters each matched",
        querystring: EventListQuery,
        response: { 200: PageOf(EventSchema), ...standardErrorResponses },
      },
    },
    async (request) => listEvents(request.context, request.query),
  );

  app.get(
    "/events/unattributed",
    {
      config: read,
      schema: {
        tags,
        summary: "Events of customer external ids that no customer has yet",
        description:
          "Such events are kept and counted under their external id; creating a customer with that external " +
          "id attributes them (usage is looked up by external id). Listed by external id.",
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(UnattributedCustomerSchema), ...standardErrorResponses },
      },
    },
    async (request) =>
      listUnattributedCustomers(request.context, {
        limit: request.query.limit ?? 20,
        cursor: request.query.cursor,
      }),
  );

  app.get(
    "/events/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read an event by your id, with its previous states",
        params: EventIdParams,
        response: { 200: EventDetailSchema, ...standardErrorResponses },
      },
    },
    async (request) => getEvent(request.context, request.params.id),
  );

  app.post(
    "/events/:id/amend",
    {
      config: write,
      schema: {
        tags,
        summary: "Correct an event's timestamp or properties, with a reason",
        description: "The previous state is kept as a revision; usage is recounted in the same transaction.",
        params: EventIdParams,
        body: AmendEventBody,
        response: { 200: EventDetailSchema, ...standardErrorResponses },
      },
    },
    async (request) => amendEvent(request.context, request.params.id, request.body),
  );

  app.post(
    "/events/:id/void",
    {
      config: write,
      schema: {
        tags,
        summary: "Void an event with a reason: it is kept but no longer counted",
        params: EventIdParams,
        body: VoidEventBody,
        response: { 200: EventDetailSchema, ...standardErrorResponses },
      },
    },
    async (request) => voidEvent(request.context, request.params.id, request.body),
  );
}

function presentBatch(outcome: IngestionOutcome) {
  return {
    accepted: outcome.accepted.length,
    duplicates: outcome.duplicates,
    rejected: outcome.rejected,
  };
}
