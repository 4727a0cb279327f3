// Copying stored events to ClickHouse, when one is configured. The
// transaction that stores a batch (or corrects an event) also writes the ids
// to `events_awaiting_event_store`; a shipper takes such rows with FOR UPDATE,
// reads the events' current state, writes them to ClickHouse in one insert,
// and deletes the rows in the same transaction. Several shippers (one per
// node) skip each other's rows. A reader that must see every committed event
// (a recount, reconciliation, the explorer) first ships what its environment
// has waiting, waiting for rows another shipper holds.
import { sql } from "kysely";
import type { Logger, TenantScope } from "../platform/context.ts";
import { type ClickHouseConnection, clickHouseOf } from "../platform/database/clickhouse.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { type EventCopy, writeEventCopies } from "./clickhouse-events.ts";

/** Batches one shipment takes at most: one ClickHouse insert of up to this many batches' events. */
const batchesPerShipment = 50;

/** Notes the events to copy, in the transaction that stored or changed them; nothing without ClickHouse. */
export async function queueForEventStore(
  transaction: DatabaseTransaction,
  root: Database,
  scope: TenantScope,
  eventIds: readonly string[],
  at: Date,
): Promise<void> {
  if (eventIds.length === 0 || clickHouseOf(root) === undefined) return;
  await transaction
    .insertInto("events_awaiting_event_store")
    .values({
      environment_id: scope.environmentId,
      organization_id: scope.organizationId,
      event_ids: sql<string[]>`${[...eventIds]}::text[]`,
      queued_at: at,
    })
    .execute();
}

/**
 * Ships up to `batchesPerShipment` waiting batches (of one environment, when
 * given, and no newer than `upTo`) inside `transaction`; returns how many.
 * `skipLocked`: leave rows another shipper holds, rather than wait for them.
 */
async function shipWaitingBatches(
  transaction: DatabaseTransaction,
  connection: ClickHouseConnection,
  options: { environmentId?: string; upTo?: number; skipLocked: boolean },
): Promise<number> {
  let query = transaction
    .selectFrom("events_awaiting_event_store")
    .select(["id", "environment_id", "event_ids"])
    .orderBy("id")
    .limit(batchesPerShipment);
  if (options.environmentId !== undefined) query = query.where("environment_id", "=", options.environmentId);
  if (options.upTo !== undefined) query = query.where("id", "<=", options.upTo);
  const batches = await (options.skipLocked ? query.forUpdate().skipLocked() : query.forUpdate()).execute();
  if (batches.length === 0) return 0;
  const idsByEnvironment = new Map<string, Set<string>>();
  for (const batch of batches) {
    const ids = idsByEnvironment.get(batch.environment_id) ?? new Set<string>();
    for (const id of batch.event_ids) ids.add(id);
    idsByEnvironment.set(batch.environment_id, ids);
  }
  const copies: EventCopy[] = [];
  for (const [environmentId, ids] of idsByEnvironment) {
    copies.push(
      ...(await transaction
        .selectFrom("events")
        .selectAll()
        .where("environment_id", "=", environmentId)
        .where("id", "in", [...ids])
        .execute()),
    );
  }
  await writeEventCopies(connection, copies);
  await transaction
    .deleteFrom("events_awaiting_event_store")
    .where(
      "id",
      "in",
      batches.map((batch) => batch.id),
    )
    .execute();
  return batches.length;
}

/**
 * Ships every batch of the environment that was waiting when called, so that
 * ClickHouse holds every event committed before; returns the ClickHouse
 * connection to read from, or undefined when events stay in PostgreSQL only.
 */
export async function catchUpEventStore(
  database: Database,
  environmentId: string,
): Promise<ClickHouseConnection | undefined> {
  const connection = clickHouseOf(database);
  if (connection === undefined) return undefined;
  const newest = await database
    .selectFrom("events_awaiting_event_store")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("environment_id", "=", environmentId)
    .executeTakeFirst();
  const upTo = newest?.id ?? null;
  if (upTo === null) return connection;
  for (;;) {
    const shipped = await database
      .transaction()
      .execute((transaction) =>
        shipWaitingBatches(transaction, connection, { environmentId, upTo: Number(upTo), skipLocked: false }),
      );
    if (shipped < batchesPerShipment) return connection;
  }
}

/** The same, inside a transaction that holds the environment's metering lock exclusively (a recount). */
export async function catchUpEventStoreInTransaction(
  transaction: DatabaseTransaction,
  root: Database,
  environmentId: string,
): Promise<ClickHouseConnection | undefined> {
  const connection = clickHouseOf(root);
  if (connection === undefined) return undefined;
  // No batch of this environment can commit meanwhile: each takes the lock shared.
  while ((await shipWaitingBatches(transaction, connection, { environmentId, skipLocked: false })) > 0) {}
  return connection;
}

export type EventShipper = { start(): void; stop(): Promise<void> };

/** Ships waiting batches of every environment in the background of `fairbill serve` (worker roles). */
export function createEventShipper(options: {
  database: Database;
  logger: Logger;
  /** Milliseconds between looks when nothing waits (250). */
  idleMilliseconds?: number;
}): EventShipper {
  const { database, logger } = options;
  const idleMilliseconds = options.idleMilliseconds ?? 250;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const round = async (): Promise<void> => {
    const connection = clickHouseOf(database);
    if (connection === undefined) return;
    let shipped = 0;
    try {
      shipped = await database
        .transaction()
        .execute((transaction) => shipWaitingBatches(transaction, connection, { skipLocked: true }));
    } catch (error) {
      logger.error(
        { err: error },
        "copying events to ClickHouse failed; they stay queued and are tried again",
      );
    }
    if (running) timer = setTimeout(run, shipped === batchesPerShipment ? 0 : idleMilliseconds);
  };
  const run = () => {
    current = round();
  };
  return {
    start() {
      if (running) return;
      running = true;
      run();
    },
    async stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      await current;
    },
  };
}
