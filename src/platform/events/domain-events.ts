// Domain events: how one domain tells others what happened after its commit,
// without importing them. The domain that owns a fact declares its event type
// (a name and a TypeBox schema of its data) and publishes it inside the
// transaction that makes the change: the event row and the job that hands it
// on are written with the change, so they exist if and only if it commits (a
// transactional outbox). Domains above it subscribe; the composition root
// (`src/app.ts`) lists the subscribers, and the job worker runs them.
//
// Each subscriber runs in a transaction that also writes its receipt for the
// event (see domain-event-dispatch.ts): its database writes happen exactly
// once, however often the event's job runs. A subscriber does only database
// work (a call to another system is a job it queues), so nothing it does can
// escape a rolled-back attempt.
import type { Static, TSchema } from "typebox";
import type { RequestContext, TenantScope } from "../context.ts";
import type { Database, DatabaseTransaction } from "../database/schema.ts";
import { newId } from "../ids.ts";
import { enqueueJob, enqueueJobs } from "../jobs/job-queue.ts";
import "./tables.ts";
import { batchesOf } from "../batches.ts";

/** The job that hands an event to its subscribers. */
export const domainEventJobKind = "domain_events.dispatch";

/** A kind of event: its name (`invoice.finalized`), the schema of its data, and what it means. */
export type DomainEventType<Name extends string = string, Schema extends TSchema = TSchema> = {
  readonly name: Name;
  readonly schema: Schema;
  readonly description: string;
};

export function defineDomainEvent<const Name extends string, Schema extends TSchema>(
  name: Name,
  schema: Schema,
  description: string,
): DomainEventType<Name, Schema> {
  return { name, schema, description };
}

/** An event as a subscriber receives it. */
export type DomainEvent<Type extends DomainEventType> = {
  id: string;
  type: Type["name"];
  scope: TenantScope;
  /** When the change happened, by the clock of the environment that made it. */
  occurredAt: Date;
  data: Static<Type["schema"]>;
};

/**
 * Records an event as part of `transaction` (pass the transaction of the
 * change it reports) and queues its delivery. Returns the event's id.
 */
export async function publishDomainEvent<Type extends DomainEventType>(
  transaction: Database,
  scope: TenantScope,
  type: Type,
  data: Static<Type["schema"]>,
  occurredAt: Date,
): Promise<string> {
  const id = newId("domainEvent");
  await transaction
    .insertInto("domain_events")
    .values({
      id,
      organization_id: scope.organizationId,
      environment_id: scope.environmentId,
      type: type.name,
      payload: JSON.stringify(data),
      occurred_at: occurredAt,
    })
    .execute();
  await enqueueJob(transaction, {
    kind: domainEventJobKind,
    payload: { eventId: id },
    scope: { organizationId: scope.organizationId, environmentId: scope.environmentId },
  });
  return id;
}

/** publishDomainEvent for many events of one type, with one insert of events and one of jobs. */
export async function publishDomainEvents<Type extends DomainEventType>(
  transaction: Database,
  scope: TenantScope,
  type: Type,
  data: readonly Static<Type["schema"]>[],
  occurredAt: Date,
): Promise<void> {
  if (data.length === 0) return;
  const rows = data.map((entry) => ({
    id: newId("domainEvent"),
    organization_id: scope.organizationId,
    environment_id: scope.environmentId,
    type: type.name,
    payload: JSON.stringify(entry),
    occurred_at: occurredAt,
  }));
  for (const batch of batchesOf(rows, 5000)) {
    await transaction.insertInto("domain_events").values(batch).execute();
  }
  const jobScope = { organizationId: scope.organizationId, environmentId: scope.environmentId };
  await enqueueJobs(
    transaction,
    rows.map((row) => ({ kind: domainEventJobKind, payload: { eventId: row.id }, scope: jobScope })),
  );
}

/** A subscriber's context: its `database` is the transaction that holds its receipt. */
export type SubscriberContext = RequestContext & { database: DatabaseTransaction };

/** A subscriber: a stable name (its receipts are kept under it) and what it does with each event. */
export type DomainEventSubscriber = {
  readonly name: string;
  readonly type: DomainEventType;
  handle(context: SubscriberContext, event: DomainEvent<DomainEventType>): Promise<void>;
};

/**
 * Declares a subscriber of `type`. `handle` runs with a context of the
 * event's environment (acting as the subscriber, on the environment's clock)
 * whose `database` is the transaction that holds the subscriber's receipt:
 * use it for every query, and never start another transaction.
 */
export function subscribe<Type extends DomainEventType>(
  type: Type,
  name: string,
  handle: (context: SubscriberContext, event: DomainEvent<Type>) => Promise<void>,
): DomainEventSubscriber {
  return {
    name,
    type,
    handle: (context, event) => handle(context, event as DomainEvent<Type>),
  };
}
