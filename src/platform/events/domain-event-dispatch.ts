// Handing a published domain event to its subscribers: the job that
// `publishDomainEvent` queued loads the event, checks its data against the
// schema of its type, and runs every subscriber of that type that has no
// receipt for it yet, each with its own context; a receipt is written after
// each subscriber succeeds. When one fails, the others still run and the job
// is retried later (with the queue's backoff), running only those without a
// receipt.
import { Value } from "typebox/value";
import type { Clock } from "../clock.ts";
import { type Logger, type RequestContext, systemContext, type TenantScope } from "../context.ts";
import type { Database } from "../database/schema.ts";
import type { JobHandler } from "../jobs/job-worker.ts";
import { type DomainEventSubscriber, domainEventJobKind } from "./domain-events.ts";

export type DomainEventDispatchOptions = {
  database: Database;
  /** The clock of an environment (its test clock, or real time). */
  clockFor: (scope: TenantScope) => Promise<Clock>;
  logger: Logger;
  subscribers: readonly DomainEventSubscriber[];
};

type DispatchPayload = { eventId: string };

function readPayload(payload: unknown): DispatchPayload {
  const eventId = (payload as { eventId?: unknown } | null)?.eventId;
  if (typeof eventId !== "string") {
    throw new Error(`A domain event job has a payload it cannot read: ${JSON.stringify(payload)}`);
  }
  return { eventId };
}

/** The job handler that delivers domain events to `subscribers`. Names must be unique. */
export function domainEventJobHandlers(options: DomainEventDispatchOptions): Record<string, JobHandler> {
  const { database, logger } = options;
  const subscribersByType = new Map<string, DomainEventSubscriber[]>();
  const names = new Set<string>();
  for (const subscriber of options.subscribers) {
    if (names.has(subscriber.name))
      throw new Error(`Two domain event subscribers share the name ${subscriber.name}.`);
    names.add(subscriber.name);
    const list = subscribersByType.get(subscriber.type.name) ?? [];
    list.push(subscriber);
    subscribersByType.set(subscriber.type.name, list);
  }

  async function handle(payload: unknown): Promise<void> {
    const { eventId } = readPayload(payload);
    const row = await database
      .selectFrom("domain_events")
      .selectAll()
      .where("id", "=", eventId)
      .executeTakeFirst();
    // Purged after its retention: every subscriber handled it long ago.
    if (row === undefined) return;
    const subscribers = subscribersByType.get(row.type) ?? [];
    if (subscribers.length === 0) return;
    const handled = new Set(
      (
        await database
          .selectFrom("domain_event_receipts")
          .select("subscriber")
          .where("event_id", "=", eventId)
          .execute()
      ).map((receipt) => receipt.subscriber),
    );
    const scope = { organizationId: row.organization_id, environmentId: row.environment_id };
    const clock = await options.clockFor(scope);
    const failures: string[] = [];
    for (const subscriber of subscribers) {
      if (handled.has(subscriber.name)) continue;
      if (!Value.Check(subscriber.type.schema, row.payload)) {
        failures.push(`${subscriber.name}: the event's data does not match the schema of ${row.type}`);
        continue;
      }
      const context: RequestContext = systemContext({
        ...scope,
        database,
        clock,
        logger,
        actorName: subscriber.name,
      });
      try {
        await subscriber.handle(context, {
          id: row.id,
          type: row.type,
          scope,
          occurredAt: new Date(row.occurred_at),
          data: row.payload,
        });
        await database
          .insertInto("domain_event_receipts")
          .values({ event_id: row.id, subscriber: subscriber.name })
          .onConflict((conflicting) => conflicting.columns(["event_id", "subscriber"]).doNothing())
          .execute();
      } catch (error) {
        logger.warn(
          { err: error, event_id: row.id, subscriber: subscriber.name },
          "a domain event subscriber failed",
        );
        failures.push(`${subscriber.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) {
      throw new Error(`Domain event ${row.id} (${row.type}) is not handled yet: ${failures.join("; ")}`);
    }
  }

  return { [domainEventJobKind]: { handle: (job) => handle(job.payload), leaseSeconds: 120 } };
}
