// HTTP routes for outgoing webhooks: /v1/webhook-endpoints, /v1/webhook-events
// and /v1/webhook-deliveries. Changing endpoints needs webhooks:manage (they
// receive the environment's billing data and hold signing secrets); reading
// the logs needs billing:read.
import { Type } from "typebox";
import { defineRoutes } from "../platform/http/routes.ts";
import { ListOf } from "../platform/http/schemas.ts";
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
  const routes = defineRoutes(app, { tags: ["Webhooks"], read: "billing:read", write: "webhooks:manage" });

  routes.write(
    "POST /webhook-endpoints",
    {
      operationId: "createWebhookEndpoint",
      summary: "Add a webhook endpoint; its signing secret is shown only in this answer",
      body: CreateWebhookEndpointBody,
      response: NewWebhookSecretSchema,
      status: 201,
    },
    ({ context, body }) => createWebhookEndpoint(context, body),
  );

  routes.list(
    "GET /webhook-endpoints",
    {
      operationId: "listWebhookEndpoints",
      summary: "List the environment's webhook endpoints, newest first",
      item: WebhookEndpointSchema,
    },
    ({ context }, _filters, page) => listWebhookEndpoints(context, page),
  );

  routes.readById(
    "GET /webhook-endpoints/:id",
    {
      operationId: "getWebhookEndpoint",
      summary: "Read a webhook endpoint",
      response: WebhookEndpointSchema,
    },
    getWebhookEndpoint,
  );

  routes.writeById(
    "PATCH /webhook-endpoints/:id",
    {
      operationId: "updateWebhookEndpoint",
      summary: "Change an endpoint's URL, description, event types, or enable or disable it",
      body: UpdateWebhookEndpointBody,
      response: WebhookEndpointSchema,
    },
    updateWebhookEndpoint,
  );

  routes.writeById(
    "DELETE /webhook-endpoints/:id",
    {
      operationId: "deleteWebhookEndpoint",
      summary: "Delete an endpoint: nothing more is sent to it; its delivery log is kept",
      response: WebhookEndpointSchema,
    },
    deleteWebhookEndpoint,
  );

  routes.writeById(
    "POST /webhook-endpoints/:id/rotate-secret",
    {
      operationId: "rotateWebhookEndpointSecret",
      summary: "Give an endpoint a new signing secret, shown only in this answer",
      body: Type.Optional(RotateSecretBody),
      response: NewWebhookSecretSchema,
      status: 201,
    },
    (context, id, body) =>
      rotateWebhookEndpointSecret(context, id, {
        previousSecretValidForSeconds: body?.previous_secret_valid_for_seconds ?? 0,
      }),
  );

  routes.listById(
    "GET /webhook-endpoints/:id/deliveries",
    {
      operationId: "listWebhookEndpointDeliveries",
      summary: "An endpoint's delivery log, newest first, with every attempt",
      filters: DeliveryListQuery,
      item: WebhookDeliverySchema,
    },
    listEndpointDeliveries,
  );

  routes.read(
    "GET /webhook-event-types",
    {
      operationId: "listWebhookEventTypes",
      summary: "The event types an endpoint can receive; the payload of each is in the OpenAPI webhooks",
      response: ListOf(Type.String()),
    },
    () => ({ data: [...catalogue.types] }),
  );

  routes.list(
    "GET /webhook-events",
    {
      operationId: "listWebhookEvents",
      summary: "List the events published in the environment, newest first",
      filters: EventListQuery,
      item: WebhookEventSchema,
    },
    ({ context }, filters, page) => listWebhookEvents(context, filters, page),
  );

  routes.readById(
    "GET /webhook-events/:id",
    {
      operationId: "getWebhookEvent",
      summary: "Read an event with its deliveries and every attempt",
      response: WebhookEventWithDeliveriesSchema,
    },
    getWebhookEvent,
  );

  routes.writeById(
    "POST /webhook-deliveries/:id/redeliver",
    {
      operationId: "redeliverWebhook",
      summary: "Send a delivery again now (one attempt); its retry schedule is unchanged",
      response: WebhookDeliverySchema,
      status: 202,
    },
    redeliverWebhook,
  );
}
