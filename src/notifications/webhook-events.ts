// The webhook outbox. Another domain reports what happened with publishEvent,
// inside the transaction that makes the change: the event, one delivery per
// endpoint that wants it, and the job that sends each delivery are written
// together, so an event is sent if and only if its change committed. Then the
// event log and the delivery log, and manual redelivery.
import { type Selectable, sql } from "kysely";
import type { Static, TSchema } from "typebox";
import { roleAllows } from "../platform/auth/roles.ts";
import { batchesOf } from "../platform/batches.ts";
import type { Actor, RequestContext, TenantScope } from "../platform/context.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, notFound } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { enqueueJob, enqueueJobs } from "../platform/jobs/job-queue.ts";
import type { WebhookDeliveryAttemptTable, WebhookDeliveryTable } from "./tables.ts";
import { endpointRow, selectEndpoints } from "./webhook-endpoints.ts";
import { filtersMatch, type WebhookEventDefinition } from "./webhook-event-types.ts";
import { type WebhookDeliveryJobPayload, webhookDeliveryJobKind } from "./webhook-job-payload.ts";
import type {
  DeliveryListFilters,
  EventListFilters,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEvent,
  WebhookEventWithDeliveries,
} from "./webhook-schemas.ts";

/**
 * Records an event of a declared type, with the object it carries as `data`
 * (its type is the declaration's payload schema), and queues its delivery to
 * every enabled endpoint whose filters match. Call it with the transaction
 * that makes the change. `options.id` is the event's id when the caller had
 * to know it first (an object that names the event reporting it).
 */
export async function publishEvent<Payload extends TSchema>(
  transaction: Database,
  context: RequestContext,
  event: WebhookEventDefinition<Payload>,
  data: NoInfer<Static<Payload>>,
  options: { id?: string } = {},
): Promise<{ id: string; deliveries: number }> {
  const now = context.clock.now();
  const eventId = options.id ?? newWebhookEventId(now);
  await transaction
    .insertInto("webhook_events")
    .values({
      id: eventId,
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      type: event.type,
      data: JSON.stringify(data),
      created_at: now,
    })
    .execute();
  const endpoints = await selectEndpoints(transaction, context).where("enabled", "=", true).execute();
  const receiving = endpoints.filter((endpoint) => filtersMatch(endpoint.event_types, event.type));
  for (const endpoint of receiving) {
    const deliveryId = newId("webhookDelivery", now);
    await transaction
      .insertInto("webhook_deliveries")
      .values({
        id: deliveryId,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        event_id: eventId,
        endpoint_id: endpoint.id,
        status: "pending",
        // Due at once by the database's clock, as its job is (see enqueueDeliveryJob).
        next_attempt_at: sql<Date>`now()`,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await enqueueDeliveryJob(transaction, context, { deliveryId, trigger: "automatic", attempt: 1 });
  }
  return { id: eventId, deliveries: receiving.length };
}

/**
 * publishEvent for many events of one type (a bill run's chunk of invoices):
 * the endpoints read once, the events, their deliveries and the deliveries'
 * jobs written with one statement each.
 */
export async function publishEvents<Payload extends TSchema>(
  transaction: Database,
  context: RequestContext,
  event: WebhookEventDefinition<Payload>,
  data: readonly NoInfer<Static<Payload>>[],
): Promise<void> {
  if (data.length === 0) return;
  const now = context.clock.now();
  const events = data.map((entry) => ({
    id: newWebhookEventId(now),
    organization_id: context.organizationId,
    environment_id: context.environmentId,
    type: event.type,
    data: JSON.stringify(entry),
    created_at: now,
  }));
  for (const batch of batchesOf(events, 2000)) {
    await transaction.insertInto("webhook_events").values(batch).execute();
  }
  const endpoints = await selectEndpoints(transaction, context).where("enabled", "=", true).execute();
  const receiving = endpoints.filter((endpoint) => filtersMatch(endpoint.event_types, event.type));
  if (receiving.length === 0) return;
  const deliveries = events.flatMap((row) =>
    receiving.map((endpoint) => ({
      id: newId("webhookDelivery", now),
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      event_id: row.id,
      endpoint_id: endpoint.id,
      status: "pending" as const,
      // Due at once by the database's clock, as its job is (see enqueueDeliveryJob).
      next_attempt_at: sql<Date>`now()`,
      created_at: now,
      updated_at: now,
    })),
  );
  for (const batch of batchesOf(deliveries, 2000)) {
    await transaction.insertInto("webhook_deliveries").values(batch).execute();
  }
  const scope = { organizationId: context.organizationId, environmentId: context.environmentId };
  await enqueueJobs(
    transaction,
    deliveries.map((delivery) => {
      const payload: WebhookDeliveryJobPayload = {
        deliveryId: delivery.id,
        trigger: "automatic",
        attempt: 1,
      };
      return {
        kind: webhookDeliveryJobKind,
        payload,
        scope,
        uniqueKey: `webhook-delivery:${payload.deliveryId}:${payload.attempt}`,
      };
    }),
  );
}

/** An id for an event to publish at `now`, for a caller whose payload names its own event. */
export function newWebhookEventId(now: Date): string {
  return newId("webhookEvent", now);
}

/**
 * Queues one attempt at a delivery, at `runAt` or else at once. "At once" is
 * by the database's clock, not the environment's: a test environment's
 * frozen clock says when events happen, but sending them is real I/O, on
 * real time. Queuing the same automatic attempt twice makes one job.
 */
export async function enqueueDeliveryJob(
  database: Database,
  scope: TenantScope,
  payload: WebhookDeliveryJobPayload,
  runAt?: Date,
): Promise<void> {
  await enqueueJob(database, {
    kind: webhookDeliveryJobKind,
    payload,
    scope: { organizationId: scope.organizationId, environmentId: scope.environmentId },
    ...(runAt ? { runAt } : {}),
    ...(payload.trigger === "automatic"
      ? { uniqueKey: `webhook-delivery:${payload.deliveryId}:${payload.attempt}` }
      : {}),
  });
}

export async function listWebhookEvents(
  context: RequestContext,
  filters: EventListFilters,
  page: PageRequest,
): Promise<WebhookEvent[]> {
  let query = newestFirstPage(selectInTenant(context.database, context, "webhook_events"), page);
  if (filters.type !== undefined) query = query.where("type", "=", filters.type);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    data: row.data,
    created_at: row.created_at.toISOString(),
  }));
}

export async function getWebhookEvent(
  context: RequestContext,
  id: string,
): Promise<WebhookEventWithDeliveries> {
  const row = await selectInTenant(context.database, context, "webhook_events")
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("webhook event", id);
  const deliveries = await selectDeliveries(context.database, context)
    .where("webhook_deliveries.event_id", "=", id)
    .orderBy("webhook_deliveries.id", "asc")
    .execute();
  return {
    id: row.id,
    type: row.type,
    data: row.data,
    created_at: row.created_at.toISOString(),
    deliveries: await withAttempts(context, deliveries),
  };
}

/** An endpoint's delivery log, newest first, each delivery with its attempts. */
export async function listEndpointDeliveries(
  context: RequestContext,
  endpointId: string,
  filters: DeliveryListFilters,
  page: PageRequest,
): Promise<WebhookDelivery[]> {
  await endpointRow(context.database, context, endpointId);
  let query = newestFirstPage(
    selectDeliveries(context.database, context).where("webhook_deliveries.endpoint_id", "=", endpointId),
    page,
    "webhook_deliveries.id",
  );
  if (filters.status !== undefined) query = query.where("webhook_deliveries.status", "=", filters.status);
  return withAttempts(context, await query.execute());
}

async function getWebhookDelivery(context: RequestContext, id: string): Promise<WebhookDelivery> {
  const row = await selectDeliveries(context.database, context)
    .where("webhook_deliveries.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("webhook delivery", id);
  const [delivery] = await withAttempts(context, [row]);
  if (!delivery) throw notFound("webhook delivery", id);
  return delivery;
}

/**
 * Queues one more attempt at a delivery, now, whatever its status: the answer
 * to "our server was down, send it again". It does not restart the retry
 * schedule; a delivery still pending keeps its own next attempt.
 */
export async function redeliverWebhook(
  context: RequestContext,
  deliveryId: string,
): Promise<WebhookDelivery> {
  const delivery = await getWebhookDelivery(context, deliveryId);
  const endpoint = await selectEndpoints(context.database, context)
    .where("id", "=", delivery.endpoint_id)
    .executeTakeFirst();
  if (!endpoint) {
    throw conflict("webhook_endpoint_deleted", `The endpoint of delivery ${deliveryId} has been deleted.`);
  }
  if (!endpoint.enabled) {
    throw conflict(
      "webhook_endpoint_disabled",
      `Endpoint ${endpoint.id} is disabled; enable it before redelivering to it.`,
    );
  }
  await enqueueDeliveryJob(context.database, context, { deliveryId, trigger: "manual" });
  return delivery;
}

type DeliveryRow = Selectable<WebhookDeliveryTable> & { event_type: string };
type AttemptRow = Selectable<WebhookDeliveryAttemptTable>;

function selectDeliveries(database: Database, scope: TenantScope) {
  return database
    .selectFrom("webhook_deliveries")
    .innerJoin("webhook_events", "webhook_events.id", "webhook_deliveries.event_id")
    .selectAll("webhook_deliveries")
    .select("webhook_events.type as event_type")
    .where(inTenant(scope, "webhook_deliveries"));
}

async function withAttempts(context: RequestContext, rows: DeliveryRow[]): Promise<WebhookDelivery[]> {
  if (rows.length === 0) return [];
  const showAnswers = mayReadEndpointAnswers(context.actor);
  const attempts = await selectInTenant(context.database, context, "webhook_delivery_attempts")
    .where(
      "delivery_id",
      "in",
      rows.map((row) => row.id),
    )
    .orderBy("delivery_id")
    .orderBy("attempt_number")
    .execute();
  const byDelivery = new Map<string, WebhookAttempt[]>();
  for (const attempt of attempts) {
    const list = byDelivery.get(attempt.delivery_id) ?? [];
    list.push(presentAttempt(attempt, showAnswers));
    byDelivery.set(attempt.delivery_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    event_id: row.event_id,
    event_type: row.event_type,
    endpoint_id: row.endpoint_id,
    status: row.status,
    attempt_count: row.attempt_count,
    next_attempt_at: row.next_attempt_at?.toISOString() ?? null,
    last_attempt_at: row.last_attempt_at?.toISOString() ?? null,
    last_response_status: row.last_response_status,
    attempts: byDelivery.get(row.id) ?? [],
    created_at: row.created_at.toISOString(),
  }));
}

/**
 * What an endpoint answered may be whatever a server inside someone's network
 * says; only those who manage webhooks (admins) read it.
 */
function mayReadEndpointAnswers(actor: Actor): boolean {
  if (actor.type === "system") return true;
  if (actor.type === "portal" || actor.type === "partner") return false;
  return roleAllows(actor.role, "webhooks:manage");
}

function presentAttempt(row: AttemptRow, showAnswer: boolean): WebhookAttempt {
  return {
    attempt_number: row.attempt_number,
    trigger: row.trigger,
    status: row.status,
    started_at: row.started_at.toISOString(),
    latency_ms: row.latency_milliseconds,
    response_status: row.response_status,
    response_body_excerpt: showAnswer ? row.response_body_excerpt : null,
    error: row.error,
  };
}
