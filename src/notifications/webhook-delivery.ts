// Sending one delivery: the job handler behind every webhook attempt. It signs
// the event, records the attempt in the delivery log as in progress, POSTs it
// to the endpoint, records the outcome, and on failure queues the next
// automatic attempt on the retry schedule. An attempt whose worker died before
// the answer is marked abandoned by the job's next run, beside its new attempt.
// A receiver's error is an outcome to log and retry on our schedule, not a
// failure of the job: the job itself fails (and the queue retries it) only
// when Fairbill could not do its part, such as reach its own database.
import { sql } from "kysely";
import { type Clock, systemClock } from "../platform/clock.ts";
import type { TenantScope } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/database/errors.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import type { QueuedJob } from "../platform/jobs/job-queue.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import type { WebhookDeliveryStatus } from "./tables.ts";
import { cancelPendingDeliveries, signingSecretsOf } from "./webhook-endpoints.ts";
import { enqueueDeliveryJob } from "./webhook-events.ts";
import { isSuccessStatus, postWebhook, type WebhookHttpResult } from "./webhook-http.ts";
import { readWebhookDeliveryJobPayload, type WebhookDeliveryJobPayload } from "./webhook-job-payload.ts";
import { signWebhook } from "./webhook-signing.ts";

/**
 * Seconds from a failed automatic attempt to the next: 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h. Eight attempts over about 27.6 hours, so a receiver
 * that is down for a day still gets every event.
 */
export const webhookRetryDelaysSeconds: readonly number[] = [5, 300, 1800, 7200, 18000, 36000, 36000];

/** How long an attempt waits for the endpoint's answer unless told otherwise. */
export const defaultTimeoutMilliseconds = 15_000;

export type WebhookDeliveryOptions = {
  database: Database;
  /** The clock that schedules retries and stamps the delivery log: the worker's, real time in `fairbill serve`. */
  clock: Clock;
  /**
   * The clock of the signature's `webhook-timestamp`. Receivers compare it
   * with their own wall clock to refuse replays, so it is real time even when
   * `clock` is a test's hand-moved clock.
   */
  wallClock?: Clock;
  /** How long one attempt waits for the endpoint's answer. Default 15 seconds. */
  timeoutMilliseconds?: number;
};

export function webhookDeliveryJobHandler(options: WebhookDeliveryOptions): JobHandler {
  const timeoutMilliseconds = options.timeoutMilliseconds ?? defaultTimeoutMilliseconds;
  return {
    // The worker's short lease, renewed while the attempt waits for the endpoint.
    handle: (job) => deliverWebhook(options, timeoutMilliseconds, job),
  };
}

async function deliverWebhook(
  options: WebhookDeliveryOptions,
  timeoutMilliseconds: number,
  job: QueuedJob,
): Promise<void> {
  const { database, clock } = options;
  const payload = readWebhookDeliveryJobPayload(job.payload);
  const scope = job.scope;
  if (!scope) throw new Error(`Webhook delivery job ${job.id} names no environment.`);

  const alreadyMade = await database
    .selectFrom("webhook_delivery_attempts")
    .select("attempt_number")
    .where(inTenant(scope))
    .where("job_id", "=", job.id)
    .where("status", "in", ["succeeded", "failed"])
    .executeTakeFirst();
  if (alreadyMade) return;
  // An earlier run of this job that began an attempt and never finished it died on the way.
  await abandonUnfinishedAttempts(database, scope, job.id, clock.now());

  const delivery = await database
    .selectFrom("webhook_deliveries")
    .innerJoin("webhook_events", "webhook_events.id", "webhook_deliveries.event_id")
    .innerJoin("webhook_endpoints", "webhook_endpoints.id", "webhook_deliveries.endpoint_id")
    .selectAll("webhook_endpoints")
    .select([
      "webhook_deliveries.status as delivery_status",
      "webhook_events.id as event_id",
      "webhook_events.type as event_type",
      "webhook_events.data as event_data",
      "webhook_events.created_at as event_created_at",
    ])
    .where(inTenant(scope, "webhook_deliveries"))
    .where("webhook_deliveries.id", "=", payload.deliveryId)
    .executeTakeFirst();
  if (!delivery) throw new Error(`Webhook delivery ${payload.deliveryId} does not exist in its environment.`);
  // A delivery that succeeded, failed for good or was canceled meanwhile needs no automatic attempt.
  if (payload.trigger === "automatic" && delivery.delivery_status !== "pending") return;
  if (!delivery.enabled || delivery.deleted_at !== null) {
    await cancelPendingDeliveries(database, scope, { deliveryId: payload.deliveryId }, clock.now());
    return;
  }

  const body = webhookBody({
    id: delivery.event_id,
    type: delivery.event_type,
    createdAt: delivery.event_created_at,
    data: delivery.event_data,
  });
  const startedAt = clock.now();
  const headers = signWebhook({
    messageId: delivery.event_id,
    sentAt: (options.wallClock ?? systemClock).now(),
    body,
    secrets: await signingSecretsOf(database, scope, delivery, startedAt),
  });
  const attemptNumber = await beginAttempt(database, scope, { job, payload, startedAt });
  const result = await postWebhook({ url: delivery.url, headers, body, timeoutMilliseconds });
  await recordAttempt(database, scope, {
    job,
    payload,
    attemptNumber,
    startedAt,
    finishedAt: clock.now(),
    result,
  });
}

/**
 * Marks the attempts this job began and never finished as abandoned: the
 * worker making them was killed (or lost its lease) before the endpoint
 * answered, so whether the endpoint got the event is unknown; this run sends
 * it again, with the same webhook id.
 */
async function abandonUnfinishedAttempts(
  database: Database,
  scope: TenantScope,
  jobId: string,
  now: Date,
): Promise<void> {
  await database
    .updateTable("webhook_delivery_attempts")
    .set({
      status: "abandoned",
      latency_milliseconds: sql<number>`greatest(0, floor(extract(epoch from (${now.toISOString()}::timestamptz - started_at)) * 1000))::int`,
      error:
        "the worker making this attempt stopped before the endpoint answered (killed, or its lease ran out); the attempt after it sends the event again",
    })
    .where(inTenant(scope))
    .where("job_id", "=", jobId)
    .where("status", "=", "in_progress")
    .execute();
}

/** Writes the attempt as in progress, committed before the request leaves, and returns its number. */
async function beginAttempt(
  database: Database,
  scope: TenantScope,
  attempt: { job: QueuedJob; payload: WebhookDeliveryJobPayload; startedAt: Date },
): Promise<number> {
  const { job, payload, startedAt } = attempt;
  return database.transaction().execute(async (transaction) => {
    const delivery = await transaction
      .selectFrom("webhook_deliveries")
      .select(["attempt_count"])
      .where(inTenant(scope))
      .where("id", "=", payload.deliveryId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const attemptNumber = delivery.attempt_count + 1;
    await transaction
      .insertInto("webhook_delivery_attempts")
      .values({
        delivery_id: payload.deliveryId,
        attempt_number: attemptNumber,
        organization_id: scope.organizationId,
        environment_id: scope.environmentId,
        trigger: payload.trigger,
        status: "in_progress",
        started_at: startedAt,
        latency_milliseconds: 0,
        response_status: null,
        response_body_excerpt: null,
        error: null,
        job_id: job.id,
      })
      .execute();
    await transaction
      .updateTable("webhook_deliveries")
      .set({ attempt_count: attemptNumber, last_attempt_at: startedAt, updated_at: startedAt })
      .where(inTenant(scope))
      .where("id", "=", payload.deliveryId)
      .execute();
    return attemptNumber;
  });
}

/**
 * The body of a delivery: the Standard Webhooks payload shape (`type`,
 * `timestamp`, `data`) with the event's id, rebuilt the same on every attempt.
 * webhook-document.ts describes it for each event type.
 */
function webhookBody(event: { id: string; type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    timestamp: event.createdAt.toISOString(),
    data: event.data,
  });
}

async function recordAttempt(
  database: Database,
  scope: TenantScope,
  attempt: {
    job: QueuedJob;
    payload: WebhookDeliveryJobPayload;
    attemptNumber: number;
    startedAt: Date;
    finishedAt: Date;
    result: WebhookHttpResult;
  },
): Promise<void> {
  const { job, payload, result, finishedAt } = attempt;
  const succeeded = isSuccessStatus(result.responseStatus);
  try {
    await database.transaction().execute(async (transaction) => {
      const delivery = await transaction
        .selectFrom("webhook_deliveries")
        .select(["status", "attempt_count", "next_attempt_at"])
        .where(inTenant(scope))
        .where("id", "=", payload.deliveryId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      // Also when a later run marked it abandoned meanwhile: its answer came after all.
      await transaction
        .updateTable("webhook_delivery_attempts")
        .set({
          status: succeeded ? "succeeded" : "failed",
          latency_milliseconds: result.latencyMilliseconds,
          response_status: result.responseStatus,
          response_body_excerpt: result.responseBodyExcerpt,
          error: result.error ?? (succeeded ? null : `the endpoint answered ${result.responseStatus}`),
        })
        .where(inTenant(scope))
        .where("delivery_id", "=", payload.deliveryId)
        .where("attempt_number", "=", attempt.attemptNumber)
        .execute();

      let status: WebhookDeliveryStatus = delivery.status;
      let nextAttemptAt = delivery.next_attempt_at;
      if (succeeded) {
        status = "succeeded";
        nextAttemptAt = null;
      } else if (payload.trigger === "automatic" && delivery.status === "pending") {
        const delaySeconds = webhookRetryDelaysSeconds[payload.attempt - 1];
        if (delaySeconds === undefined) {
          status = "failed";
          nextAttemptAt = null;
        } else {
          nextAttemptAt = new Date(finishedAt.getTime() + delaySeconds * 1000);
          await enqueueDeliveryJob(
            transaction,
            scope,
            { deliveryId: payload.deliveryId, trigger: "automatic", attempt: payload.attempt + 1 },
            nextAttemptAt,
          );
        }
      }
      // A failed manual attempt leaves the status and any scheduled retry as they were.
      await transaction
        .updateTable("webhook_deliveries")
        .set({
          status,
          next_attempt_at: nextAttemptAt,
          last_response_status: result.responseStatus,
          updated_at: finishedAt,
        })
        .where(inTenant(scope))
        .where("id", "=", payload.deliveryId)
        .execute();
    });
  } catch (error) {
    // A second run of the same job recorded its outcome first: that record stands, this attempt is left over.
    if (!isUniqueViolation(error)) throw error;
    await abandonUnfinishedAttempts(database, scope, job.id, finishedAt);
  }
}
