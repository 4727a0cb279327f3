// Ingestion: usage events in, exactly once, counted in the rollups in the same
// transaction that stores them. Per batch: check each event; insert the valid
// ones with one statement: their ids into event_ids with ON CONFLICT DO
// NOTHING RETURNING (the unique key is (environment, event id), so a repeat,
// however concurrent or late, inserts nothing), then the new ones into the
// events table, partitioned by month (docs/event-store.md);
// fold only the rows actually inserted into rollup cells in memory; write the
// cells with one multi-row upsert; commit. A 2xx leaves after the commit, so
// an acknowledged event is durable.
import { sql } from "kysely";
import type { Instant } from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { type FieldError, validationFailed } from "../platform/errors.ts";
import { publishDomainEvent } from "../platform/events/domain-events.ts";
import { recordOnCurrentSpan } from "../platform/tracing.ts";
import { type EventRejection, isRejection, type ParsedEvent, parseEvent, rejection } from "./event-input.ts";
import { queueForEventStore } from "./event-shipping.ts";
import { MeterCatalog, type VersionReading } from "./meter-catalog.ts";
import { describeUnreadable } from "./meter-reading.ts";
import { loadMeterVersions } from "./meter-versions.ts";
import { UsageIngested } from "./metering-events.ts";
import { lockMeteringShared } from "./metering-locks.ts";
import { eventFutureWindowSeconds, readMeteringSettings } from "./metering-settings.ts";
import {
  addReadingsToCells,
  compareText,
  hourStartOf,
  millisecondsPerHour,
  RollupCells,
} from "./rollup-cells.ts";
import { addRollupCells, writeUniqueValues } from "./rollup-store.ts";
import { retryTransientConflicts } from "./transient-conflicts.ts";

export type IngestionOptions = {
  /** Store nothing when any event is invalid (a 400 naming each bad field). */
  atomic: boolean;
  /** Past usage: the environment's past window does not apply. */
  backfill: boolean;
  /** Where event `index` sits in the request body: `$` for a single event, `$.events[3]` in a batch. */
  pathOf: (index: number) => string;
  /** Finds the events no price covers where the price refuses them; none are refused without it. */
  refuseUnpriced?: UnpricedEventCheck | undefined;
};

/**
 * The events that a dimensional charge of the customer's subscription refuses
 * (its default is `reject` and no listed combination matches), by index, each
 * with a sentence naming the charge, plan and combination. Metering does not
 * know subscriptions or prices: the composition root passes invoicing's check.
 */
export type UnpricedEventCheck = (
  context: RequestContext,
  events: readonly ParsedEvent[],
) => Promise<ReadonlyMap<number, string>>;

export type IngestionOutcome = {
  accepted: {
    index: number;
    id: string;
    name: string;
    meters: { code: string; version: number }[];
    /** Set when no meter counts the event: why, for the sender. */
    unmatchedHint: string | undefined;
  }[];
  duplicates: { index: number; id: string }[];
  rejected: EventRejection[];
};

type ReadEvent = ParsedEvent & { readings: VersionReading[]; unmatchedHint: string | undefined };

const millisecondsPerDay = 86_400_000;

export async function ingestEvents(
  context: RequestContext,
  rawEvents: readonly unknown[],
  options: IngestionOptions,
): Promise<IngestionOutcome> {
  const now = context.clock.now();
  const parsed = rawEvents.map((raw, index) => parseEvent(raw, index, options.pathOf(index), now.getTime()));
  // Read before the transaction, which holds metering's lock: the check reads subscriptions and prices.
  const unpriced =
    options.refuseUnpriced === undefined
      ? new Map<number, string>()
      : await options.refuseUnpriced(
          context,
          parsed.filter((event): event is ParsedEvent => !isRejection(event)),
        );
  // A deadlock can only come from another batch's rows; the retry runs the whole batch again.
  const outcome = await retryTransientConflicts(() =>
    context.database.transaction().execute(async (transaction) => {
      await lockMeteringShared(transaction, context.environmentId);
      const settings = await readMeteringSettings(transaction, context);
      const catalog = new MeterCatalog(await loadMeterVersions(transaction, context));
      const oldestAccepted = options.backfill
        ? Number.NEGATIVE_INFINITY
        : now.getTime() - settings.event_past_window_days * millisecondsPerDay;
      const latestAccepted = now.getTime() + eventFutureWindowSeconds * 1000;

      const rejected: EventRejection[] = [];
      const readable: ReadEvent[] = [];
      for (const event of parsed) {
        if (isRejection(event)) {
          rejected.push(event);
          continue;
        }
        const problem = checkTimestamp(
          event,
          options.pathOf(event.index),
          oldestAccepted,
          latestAccepted,
          settings.event_past_window_days,
        );
        if (problem !== undefined) {
          rejected.push(problem);
          continue;
        }
        const readings = catalog.read(event);
        const unreadable = unreadableProblem(event, readings, options.pathOf(event.index));
        const refusal = unpriced.get(event.index);
        if (unreadable !== undefined) rejected.push(unreadable);
        else if (refusal !== undefined) {
          rejected.push(
            rejection(event.index, event.id, "no_price", [
              { path: options.pathOf(event.index), message: refusal },
            ]),
          );
        } else readable.push({ ...event, readings, unmatchedHint: catalog.unmatchedHint(event, readings) });
      }
      if (options.atomic && rejected.length > 0) {
        throw validationFailed(
          rejected.flatMap((problem) => problem.errors),
          rejected.length === 1 && rejected[0]
            ? `${rejected[0].reason}.`
            : `${rejected.length} events are invalid; nothing was stored. See errors.`,
        );
      }

      const { firstOccurrences, duplicates } = splitRepeatsInBatch(readable);
      const insertedIds = await insertEvents(transaction, context, firstOccurrences, now);
      const inserted: ReadEvent[] = [];
      for (const event of firstOccurrences) {
        if (insertedIds.has(event.id)) inserted.push(event);
        else duplicates.push({ index: event.index, id: event.id });
      }
      await rememberCustomers(transaction, context, inserted, now);
      await queueForEventStore(
        transaction,
        context.database,
        context,
        inserted.map((event) => event.id),
        now,
      );
      if (inserted.length > 0) {
        const customerExternalIds = [...new Set(inserted.map((event) => event.customerExternalId))];
        await publishDomainEvent(
          transaction,
          context,
          UsageIngested,
          { customer_external_ids: customerExternalIds },
          now,
        );
      }
      // Last before the commit: rollup rows are shared by concurrent batches, so their locks are held briefly.
      await countInRollups(transaction, context, inserted);

      duplicates.sort((left, right) => left.index - right.index);
      rejected.sort((left, right) => left.index - right.index);
      return {
        accepted: inserted
          .sort((left, right) => left.index - right.index)
          .map((event) => ({
            index: event.index,
            id: event.id,
            name: event.name,
            unmatchedHint: event.unmatchedHint,
            meters: event.readings
              .filter(({ reading }) => reading.kind === "matched")
              .map(({ reader }) => ({ code: reader.version.code, version: reader.version.version })),
          })),
        duplicates,
        rejected,
      };
    }),
  );
  recordOnCurrentSpan({
    "fairbill.events.received": rawEvents.length,
    "fairbill.events.accepted": outcome.accepted.length,
    "fairbill.events.duplicates": outcome.duplicates.length,
    "fairbill.events.rejected": outcome.rejected.length,
  });
  return outcome;
}

function checkTimestamp(
  event: ParsedEvent,
  path: string,
  oldestAccepted: Instant,
  latestAccepted: Instant,
  pastWindowDays: number,
): EventRejection | undefined {
  if (event.timestamp > latestAccepted) {
    return rejection(event.index, event.id, "timestamp_in_future", [
      {
        path: `${path}.timestamp`,
        message: `is more than ${eventFutureWindowSeconds / 60} minutes in the future (check the producer's clock)`,
      },
    ]);
  }
  if (event.timestamp < oldestAccepted) {
    return rejection(event.index, event.id, "timestamp_too_old", [
      {
        path: `${path}.timestamp`,
        message: `is more than ${pastWindowDays} days old; send past usage to POST /v1/events/backfill`,
      },
    ]);
  }
  return undefined;
}

function unreadableProblem(
  event: ParsedEvent,
  readings: VersionReading[],
  path: string,
): EventRejection | undefined {
  const errors: FieldError[] = [];
  let code = "";
  for (const { reader, reading } of readings) {
    if (reading.kind !== "unreadable") continue;
    code ||= `property_${reading.problem}`;
    errors.push({
      path: `${path}.properties${/^[A-Za-z_][A-Za-z0-9_]*$/.test(reading.property) ? `.${reading.property}` : `[${JSON.stringify(reading.property)}]`}`,
      message: describeUnreadable(reading, reader.version.code),
    });
  }
  return errors.length === 0 ? undefined : rejection(event.index, event.id, code, errors);
}

/** The first event of each id goes on; a later one with the same id is a duplicate of it. */
function splitRepeatsInBatch(events: ReadEvent[]): {
  firstOccurrences: ReadEvent[];
  duplicates: { index: number; id: string }[];
} {
  const seen = new Set<string>();
  const firstOccurrences: ReadEvent[] = [];
  const duplicates: { index: number; id: string }[] = [];
  for (const event of events) {
    if (seen.has(event.id)) duplicates.push({ index: event.index, id: event.id });
    else {
      seen.add(event.id);
      firstOccurrences.push(event);
    }
  }
  // Inserting in one fixed order: two batches sharing ids wait for each other instead of deadlocking.
  firstOccurrences.sort((left, right) => compareText(left.id, right.id));
  return { firstOccurrences, duplicates };
}

/** Inserts the events and returns the ids that were new; an id stored before inserts nothing. */
async function insertEvents(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  events: ReadEvent[],
  receivedAt: Date,
): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  // The rows travel as one JSON document: serialized natively here and parsed
  // natively by the server, which is cheaper than escaping arrays element by element.
  const document = JSON.stringify(
    events.map((event) => ({
      id: event.id,
      customer: event.customerExternalId,
      name: event.name,
      occurred_at: new Date(event.timestamp).toISOString(),
      properties: event.properties,
    })),
  );
  // One statement: the id table decides what is new (its primary key is the
  // exact dedup, whatever month the first copy is in), and only new ids go into
  // the partitioned events table.
  const { rows } = await sql<{ id: string }>`
    with incoming as (
      select event.id, event.customer, event.name, event.occurred_at, event.properties
      from json_to_recordset(${document}::json)
        as event(id text, customer text, name text, occurred_at timestamptz, properties jsonb)
    ),
    new_ids as (
      insert into event_ids (environment_id, id, occurred_at)
      select ${scope.environmentId}, incoming.id, incoming.occurred_at from incoming
      on conflict (environment_id, id) do nothing
      returning id
    )
    insert into events (environment_id, organization_id, received_at, id, customer_external_id, name, occurred_at, properties)
    select ${scope.environmentId}, ${scope.organizationId}, ${receivedAt.toISOString()}::timestamptz,
      incoming.id, incoming.customer, incoming.name, incoming.occurred_at, incoming.properties
    from incoming join new_ids on new_ids.id = incoming.id
    returning id`.execute(transaction);
  return new Set(rows.map((row) => row.id));
}

async function countInRollups(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  events: ReadEvent[],
): Promise<void> {
  const cells = new RollupCells();
  for (const event of events) {
    const hourStart = hourStartOf(event.timestamp);
    addReadingsToCells(
      cells,
      event.readings,
      { customerExternalId: event.customerExternalId, timestamp: event.timestamp, sequence: event.index },
      { start: hourStart, end: hourStart + millisecondsPerHour },
    );
  }
  const sorted = cells.sorted();
  await addRollupCells(transaction, scope, sorted);
  await writeUniqueValues(transaction, scope, sorted);
}

/** Records customer external ids seen for the first time, so unattributed ones can be listed cheaply. */
async function rememberCustomers(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  events: ReadEvent[],
  receivedAt: Date,
): Promise<void> {
  if (events.length === 0) return;
  const customers = [...new Set(events.map((event) => event.customerExternalId))].sort(compareText);
  await sql`
    insert into event_customers (environment_id, organization_id, first_received_at, customer_external_id)
    select ${scope.environmentId}, ${scope.organizationId}, ${receivedAt.toISOString()}::timestamptz, customer
    from unnest(${customers}::text[]) as customer
    on conflict do nothing`.execute(transaction);
}
