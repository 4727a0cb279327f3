// Handing a published domain event to its subscribers: the job that
// `publishDomainEvent` queued loads the event, checks its data against the
// schema of its type, and runs each subscriber of that type in a transaction
// of its own that first writes the subscriber's receipt for the event. The
// receipt and the subscriber's writes commit together, so a subscriber's
// effect happens exactly once however often the job runs: a second delivery
// finds the receipt and skips it. When one subscriber fails, its transaction
// rolls back (receipt included), the others still run, and the job is retried
// later with the queue's backoff.
import { Value } from "typebox/value";
import type { Clock } from "../clock.ts";
import { type Logger, systemContext, type TenantScope } from "../context.ts";
import type { Database } from "../database/schema.ts";
import { errorMessage } from "../errors.ts";
import type { JobHandler } from "../jobs/job-worker.ts";
import { type DomainEventSubscriber, domainEventJobKind, type SubscriberContext } from "./domain-events.ts";

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
    const scope = { organizationId: row.organization_id, environmentId: row.environment_id };
    const clock = await options.clockFor(scope);
    const event = {
      id: row.id,
      type: row.type,
      scope,
      occurredAt: new Date(row.occurred_at),
      data: row.payload,
    };
    const failures: string[] = [];
    for (const subscriber of subscribers) {
      if (!Value.Check(subscriber.type.schema, row.payload)) {
        failures.push(`${subscriber.name}: the event's data does not match the schema of ${row.type}`);
        continue;
      }
      try {
        await database.transaction().execute(async (transaction) => {
          const claimed = await transaction
            .insertInto("domain_event_receipts")
            .values({ event_id: row.id, subscriber: subscriber.name })
            .onConflict((conflicting) => conflicting.columns(["event_id", "subscriber"]).doNothing())
            .returning("event_id")
            .executeTakeFirst();
          if (claimed === undefined) return;
          const context: SubscriberContext = {
            ...systemContext({ ...scope, database: transaction, clock, logger, actorName: subscriber.name }),
            database: transaction,
          };
          await subscriber.handle(context, event);
        });
      } catch (error) {
        logger.warn(
          { err: error, event_id: row.id, subscriber: subscriber.name },
          "a domain event subscriber failed",
        );
        failures.push(`${subscriber.name}: ${errorMessage(error)}`);
      }
    }
    if (failures.length > 0) {
      throw new Error(`Domain event ${row.id} (${row.type}) is not handled yet: ${failures.join("; ")}`);
    }
  }

  return { [domainEventJobKind]: { handle: (job) => handle(job.payload) } };
}
