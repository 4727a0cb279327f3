// HTTP routes for outgoing webhooks: /v1/webhook-endpoints, /v1/webhook-events
// and /v1/webhook-deliveries. Changing endpoints needs webhooks:manage (they
// receive the environment's billing data and hold signing secrets); reading
// the logs needs billing:read.
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp, RouteModule } from "../platform/http/server.ts";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookEndpointSecret,
  updateWebhookEndpoint,
} from "./webhook-endpoints.ts";
import type { WebhookCatalogue } from "./webhook-event-types.ts";
import {
  getWebhookEvent,
  listEndpointDeliveries,
  listWebhookEvents,
  redeliverWebhook,
} from "./webhook-events.ts";
import {
  DeliveryListQuery,
  eventTypeSchemas,
  NewWebhookSecretSchema,
  RotateSecretBody,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
  WebhookEventSchema,
  WebhookEventWithDeliveriesSchema,
} from "./webhook-schemas.ts";

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** The webhook routes, for the event types of the catalogue the composition root gathered. */
export function webhookRoutes(catalogue: WebhookCatalogue): RouteModule {
  const schemas = eventTypeSchemas(catalogue.types);
  return (app) => registerWebhookRoutes(app, catalogue, schemas);
}

function registerWebhookRoutes(
  app: FairbillApp,
  catalogue: WebhookCatalogue,
  {
    CreateWebhookEndpointBody,
    UpdateWebhookEndpointBody,
    EventListQuery,
  }: ReturnType<typeof eventTypeSchemas>,
): void {
  const tags = ["Webhooks"];
  const read = { permission: "billing:read" as const };
  const manage = { permission: "webhooks:manage" as const };

  app.post(
    "/webhook-endpoints",
    {
      config: manage,
      schema: {
        tags,
        summary: "Add a webhook endpoint; its signing secret is shown only in this answer",
        body: CreateWebhookEndpointBody,
        response: { 201: NewWebhookSecretSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createWebhookEndpoint(request.context, request.body)),
  );

  app.get(
    "/webhook-endpoints",
    {
      config: read,
      schema: {
        tags,
        summary: "List the environment's webhook endpoints, newest first",
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(WebhookEndpointSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20;
      const endpoints = await listWebhookEndpoints(request.context, {
        limit,
        afterId: decodeCursor(request.query.cursor),
      });
      return toPage(endpoints, limit, (endpoint) => endpoint);
    },
  );

  app.get(
    "/webhook-endpoints/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read a webhook endpoint",
        params: IdParams,
        response: { 200: WebhookEndpointSchema, ...standardErrorResponses },
      },
    },
    async (request) => getWebhookEndpoint(request.context, request.params.id),
  );

  app.patch(
    "/webhook-endpoints/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "Change an endpoint's URL, description, event types, or enable or disable it",
        params: IdParams,
        body: UpdateWebhookEndpointBody,
        response: { 200: WebhookEndpointSchema, ...standardErrorResponses },
      },
    },
    async (request) => updateWebhookEndpoint(request.context, request.params.id, request.body),
  );

  app.delete(
    "/webhook-endpoints/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "Delete an endpoint: nothing more is sent to it; its delivery log is kept",
        params: IdParams,
        response: { 200: WebhookEndpointSchema, ...standardErrorResponses },
      },
    },
    async (request) => deleteWebhookEndpoint(request.context, request.params.id),
  );

  app.post(
    "/webhook-endpoints/:id/rotate-secret",
    {
      config: manage,
      schema: {
        tags,
        summary: "Give an endpoint a new signing secret, shown only in this answer",
        params: IdParams,
        body: Type.Optional(RotateSecretBody),
        response: { 201: NewWebhookSecretSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) => {
      const rotated = await rotateWebhookEndpointSecret(request.context, request.params.id, {
        previousSecretValidForSeconds: request.body?.previous_secret_valid_for_seconds ?? 0,
      });
      return reply.code(201).send(rotated);
    },
  );

  app.get(
    "/webhook-endpoints/:id/deliveries",
    {
      config: read,
      schema: {
        tags,
        summary: "An endpoint's delivery log, newest first, with every attempt",
        params: IdParams,
        querystring: Type.Object(
          { ...DeliveryListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(WebhookDeliverySchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const deliveries = await listEndpointDeliveries(request.context, request.params.id, filters, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(deliveries, limit, (delivery) => delivery);
    },
  );

  app.get(
    "/webhook-event-types",
    {
      config: read,
      schema: {
        tags,
        summary: "The event types an endpoint can receive; the payload of each is in the OpenAPI webhooks",
        response: { 200: Type.Object({ data: Type.Array(Type.String()) }), ...standardErrorResponses },
      },
    },
    async () => ({ data: [...catalogue.types] }),
  );

  app.get(
    "/webhook-events",
    {
      config: read,
      schema: {
        tags,
        summary: "List the events published in the environment, newest first",
        querystring: Type.Object(
          { ...EventListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(WebhookEventSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      const events = await listWebhookEvents(request.context, filters, {
        limit,
        afterId: decodeCursor(cursor),
      });
      return toPage(events, limit, (event) => event);
    },
  );

  app.get(
    "/webhook-events/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read an event with its deliveries and every attempt",
        params: IdParams,
        response: { 200: WebhookEventWithDeliveriesSchema, ...standardErrorResponses },
      },
    },
    async (request) => getWebhookEvent(request.context, request.params.id),
  );

  app.post(
    "/webhook-deliveries/:id/redeliver",
    {
      config: manage,
      schema: {
        tags,
        summary: "Send a delivery again now (one attempt); its retry schedule is unchanged",
        params: IdParams,
        response: { 202: WebhookDeliverySchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await redeliverWebhook(request.context, request.params.id)),
  );
}
