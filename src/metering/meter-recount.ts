// Recounting a meter from an instant on: when a meter is created with a past
// effective_from, when a definition without usage is edited, or when a new
// version takes over, the stored events from that instant are counted again
// under the versions now in effect. Runs inside the change's transaction,
// under the environment's exclusive metering lock, so no batch of events
// counts with the old definition meanwhile. With a ClickHouse event store the
// events are read there, once every committed batch has been copied.
import { sql } from "kysely";
import type { Instant } from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { ClickHouseConnection } from "../platform/database/clickhouse.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { conflict } from "../platform/errors.ts";
import { countEventsFrom, recountPage } from "./clickhouse-events.ts";
import { archivedBefore } from "./event-retention.ts";
import { catchUpEventStoreInTransaction } from "./event-shipping.ts";
import type { EventRow } from "./event-views.ts";
import { MeterCatalog } from "./meter-catalog.ts";
import type { MeterVersion } from "./meter-definition.ts";
import { describeUnreadable } from "./meter-reading.ts";
import { addReadingsToCells, hourStartOf, millisecondsPerHour, RollupCells } from "./rollup-cells.ts";
import { addRollupCells, writeUniqueValues } from "./rollup-store.ts";

/**
 * Ingestion of the environment waits while a recount runs, so a recount is
 * refused when more events than this were stored since its start.
 */
const maximumRecountEvents = 1_000_000;
const pageSize = 5_000;
const cellsPerWrite = 5_000;

type RecountedEvent = Pick<EventRow, "id" | "customer_external_id" | "name" | "occurred_at" | "properties">;

/** Replaces the meter's rollups from the hour of `from` on by counting the stored events again. */
export async function recountMeter(
  transaction: DatabaseTransaction,
  context: RequestContext,
  meter: { id: string; code: string; versions: readonly MeterVersion[] },
  from: Instant,
): Promise<void> {
  const scope: TenantScope = context;
  const fromHour = hourStartOf(from);
  // With ClickHouse the events are read there, once every batch committed before is copied.
  const clickHouse = await catchUpEventStoreInTransaction(
    transaction,
    context.database,
    context.environmentId,
  );
  // ClickHouse keeps every event; PostgreSQL's raw events of archived months are gone.
  if (clickHouse === undefined) await refuseArchivedRecount(transaction, scope, fromHour, meter.code);
  await refuseLargeRecount(transaction, scope, fromHour, meter.code, clickHouse);
  for (const table of ["usage_rollups", "usage_unique_values"] as const) {
    await transaction
      .deleteFrom(table)
      .where("environment_id", "=", scope.environmentId)
      .where("meter_id", "=", meter.id)
      .where("hour_start", ">=", new Date(fromHour))
      .execute();
  }
  const activeVersions = meter.versions.filter((version) => version.effectiveUntil > fromHour);
  const eventNames = [...new Set(activeVersions.map((version) => version.definition.event_name))];
  if (eventNames.length === 0) return;
  const catalog = new MeterCatalog(activeVersions);
  const cells = new RollupCells();
  let sequence = 0;
  const fold = (rows: readonly RecountedEvent[]) => {
    for (const row of rows) {
      const event = { name: row.name, timestamp: row.occurred_at.getTime(), properties: row.properties };
      const readings = catalog.read(event);
      for (const { reader, reading } of readings) {
        if (reading.kind !== "unreadable") continue;
        throw conflict(
          "meter_definition_unreadable_events",
          `Stored event "${row.id}" matches the new definition of meter "${meter.code}", but its ` +
            `property "${reading.property}" ${describeUnreadable(reading, reader.version.code)}. ` +
            "Amend or void such events first, or choose a later effective_from.",
        );
      }
      const hourStart = hourStartOf(event.timestamp);
      addReadingsToCells(
        cells,
        readings,
        { customerExternalId: row.customer_external_id, timestamp: event.timestamp, sequence: sequence++ },
        { start: hourStart, end: hourStart + millisecondsPerHour },
      );
    }
  };
  if (clickHouse !== undefined) {
    let after: { occurredAt: Instant; receivedAt: Instant; id: string } | undefined;
    for (;;) {
      const rows = await recountPage(clickHouse, context.environmentId, {
        eventNames,
        from: fromHour,
        after,
        pageSize,
      });
      fold(rows);
      const last = rows.at(-1);
      if (last === undefined || rows.length < pageSize) break;
      after = { occurredAt: last.occurred_at.getTime(), receivedAt: last.received_at.getTime(), id: last.id };
    }
  } else {
    // One ordered scan through a cursor of the transaction: the events are read
    // once, in pages, whatever index finds them.
    await sql`
      declare recount_events no scroll cursor for
      select id, customer_external_id, name, occurred_at, properties from events
      where environment_id = ${context.environmentId} and name = any(${eventNames}::text[]) and voided_at is null
        and occurred_at >= ${new Date(fromHour).toISOString()}::timestamptz
      order by occurred_at, received_at, id`.execute(transaction);
    for (;;) {
      const { rows } = await sql<RecountedEvent>`
        fetch ${sql.raw(String(pageSize))} from recount_events`.execute(transaction);
      fold(rows);
      if (rows.length < pageSize) break;
    }
    await sql`close recount_events`.execute(transaction);
  }
  const sorted = cells.sorted();
  for (let start = 0; start < sorted.length; start += cellsPerWrite) {
    const slice = sorted.slice(start, start + cellsPerWrite);
    await addRollupCells(transaction, scope, slice);
    await writeUniqueValues(transaction, scope, slice);
  }
}

/** Counting again from an archived month would find none of its events and zero its usage: refused. */
async function refuseArchivedRecount(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  fromHour: Instant,
  meterCode: string,
): Promise<void> {
  const before = await archivedBefore(transaction, scope);
  if (before === undefined || fromHour >= before.getTime()) return;
  throw conflict(
    "meter_recount_range_archived",
    `Counting meter "${meterCode}" again from ${new Date(fromHour).toISOString()} would read the raw events ` +
      `from then to ${before.toISOString()}, which retention has archived (event_retention_months); ` +
      `their rollups would be replaced by nothing. Choose an effective_from at or after ${before.toISOString()}.`,
  );
}

async function refuseLargeRecount(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  fromHour: Instant,
  meterCode: string,
  clickHouse: ClickHouseConnection | undefined,
): Promise<void> {
  // Counting at most one more than the limit keeps this check itself bounded.
  const stored =
    clickHouse === undefined
      ? await storedEventsFrom(transaction, scope, fromHour)
      : await countEventsFrom(clickHouse, scope.environmentId, fromHour, maximumRecountEvents + 1);
  if (stored > maximumRecountEvents) {
    throw conflict(
      "meter_recount_too_large",
      `More than ${maximumRecountEvents} events were stored since ${new Date(fromHour).toISOString()}; ` +
        `counting them again for meter "${meterCode}" would hold up ingestion. ` +
        "Choose an effective_from closer to now.",
    );
  }
}

async function storedEventsFrom(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  fromHour: Instant,
): Promise<number> {
  const { rows } = await sql<{ stored: number }>`
    select count(*)::int as stored from (
      select 1 from events
      where environment_id = ${scope.environmentId} and occurred_at >= ${new Date(fromHour).toISOString()}::timestamptz
      limit ${maximumRecountEvents + 1}) as recent`.execute(transaction);
  return rows[0]?.stored ?? 0;
}
