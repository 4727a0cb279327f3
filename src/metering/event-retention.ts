// Retention of raw events: an environment's `event_retention_months` (metering
// settings; null keeps them forever) says how many months of raw events stay
// in the database. A month wholly older than that is archived, one gzipped
// NDJSON file per environment and month under the archive folder
// (FAIRBILL_EVENT_ARCHIVE_DIR, <data folder>/event-archives by default), and
// leaves the database: the month's partition is detached and dropped once
// every environment with events in it has archived them, and otherwise the
// archived environment's rows are deleted from it. Rollups stay, so invoices,
// usage and entitlements read what they read before; the ids stay in
// event_ids, so an archived event sent again is still a duplicate. What reads
// raw events of an archived month refuses (a recount) or says so (the
// explorer's archived_before).
//
// Each month is archived in one transaction that holds its partition in
// SHARE mode (no event enters, changes or leaves it meanwhile): the file is
// written and synced first, then the archive is recorded and the rows go.
import { createWriteStream } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { sql } from "kysely";
import type { Logger, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { newId } from "../platform/ids.ts";
import { monthlyEventPartitions } from "./event-partitions.ts";
import { type EventRow, storedEventFields } from "./event-views.ts";

const pageSize = 5_000;

export type ArchivedMonth = {
  environmentId: string;
  rangeStart: Date;
  rangeEnd: Date;
  eventCount: number;
  file: string;
};

export type RetentionOutcome = { archived: ArchivedMonth[]; droppedPartitions: string[] };

type RetainingEnvironment = { environmentId: string; organizationId: string; horizon: Date };

/** `months` calendar months before `at` (UTC): events before it are past retention. */
function retentionHorizon(at: Date, months: number): Date {
  const horizon = new Date(at);
  horizon.setUTCMonth(horizon.getUTCMonth() - months);
  return horizon;
}

/**
 * Archives and removes every month of raw events wholly older than its
 * environment's retention at `at`; returns what it archived and dropped.
 */
export async function archiveExpiredEvents(
  database: Database,
  options: { at: Date; archiveDirectory: string; logger?: Logger },
): Promise<RetentionOutcome> {
  const settings = await database
    .selectFrom("metering_settings")
    .select(["environment_id", "organization_id", "event_retention_months"])
    .where("event_retention_months", "is not", null)
    .execute();
  const retaining: RetainingEnvironment[] = settings.map((row) => ({
    environmentId: row.environment_id,
    organizationId: row.organization_id,
    horizon: retentionHorizon(options.at, row.event_retention_months ?? 0),
  }));
  const outcome: RetentionOutcome = { archived: [], droppedPartitions: [] };
  if (retaining.length === 0) return outcome;
  const latestHorizon = Math.max(...retaining.map((environment) => environment.horizon.getTime()));
  for (const partition of await monthlyEventPartitions(database)) {
    if (partition.end.getTime() > latestHorizon) break;
    const expired = retaining.filter((environment) => partition.end <= environment.horizon);
    const month = await archivePartition(database, partition, expired, options.archiveDirectory);
    outcome.archived.push(...month.archived);
    if (month.dropped) outcome.droppedPartitions.push(partition.name);
    for (const archived of month.archived) {
      options.logger?.info(
        {
          environment_id: archived.environmentId,
          month: archived.rangeStart.toISOString().slice(0, 7),
          events: archived.eventCount,
          file: archived.file,
        },
        "archived a month of raw events (retention)",
      );
    }
  }
  return outcome;
}

async function archivePartition(
  database: Database,
  partition: { name: string; start: Date; end: Date },
  expired: RetainingEnvironment[],
  archiveDirectory: string,
): Promise<{ archived: ArchivedMonth[]; dropped: boolean }> {
  const writtenFiles: string[] = [];
  try {
    return await database.transaction().execute(async (transaction) => {
      await sql`lock table ${sql.id(partition.name)} in share mode`.execute(transaction);
      const { rows: present } = await sql<{ environment_id: string }>`
        select distinct environment_id from ${sql.id(partition.name)}`.execute(transaction);
      const presentIds = new Set(present.map((row) => row.environment_id));
      const toArchive = expired.filter((environment) => presentIds.has(environment.environmentId));
      if (toArchive.length === 0) return { archived: [], dropped: false };
      const archived: ArchivedMonth[] = [];
      for (const environment of toArchive) {
        const id = newId("eventArchive");
        const file = join(
          archiveDirectory,
          environment.environmentId,
          `events-${partition.start.toISOString().slice(0, 7)}-${id}.ndjson.gz`,
        );
        writtenFiles.push(file);
        const eventCount = await writeArchiveFile(
          transaction,
          partition.name,
          environment.environmentId,
          file,
        );
        await transaction
          .insertInto("event_archives")
          .values({
            id,
            environment_id: environment.environmentId,
            organization_id: environment.organizationId,
            range_start: partition.start,
            range_end: partition.end,
            event_count: eventCount,
            file,
            archived_at: new Date(),
          })
          .execute();
        archived.push({
          environmentId: environment.environmentId,
          rangeStart: partition.start,
          rangeEnd: partition.end,
          eventCount,
          file,
        });
      }
      if (toArchive.length === presentIds.size) {
        // Every event of the month is archived: the partition goes whole (its function checks that again).
        await sql`select drop_archived_event_partition(${partition.start.toISOString().slice(0, 10)}::date)`.execute(
          transaction,
        );
        return { archived, dropped: true };
      }
      // Other environments keep their events of the month: only the archived ones' rows go.
      await sql`
        delete from ${sql.id(partition.name)}
        where environment_id = any(${toArchive.map((environment) => environment.environmentId)}::text[])`.execute(
        transaction,
      );
      return { archived, dropped: false };
    });
  } catch (error) {
    // Nothing was recorded: the files of this attempt would only confuse a reader of the folder.
    await Promise.all(writtenFiles.map((file) => rm(file, { force: true })));
    throw error;
  }
}

/** Writes the environment's events of the partition to a gzipped NDJSON file, synced to disk; returns how many. */
async function writeArchiveFile(
  transaction: DatabaseTransaction,
  partitionName: string,
  environmentId: string,
  file: string,
): Promise<number> {
  await mkdir(join(file, ".."), { recursive: true });
  const partial = `${file}.partial`;
  let eventCount = 0;
  await sql`
    declare archived_events no scroll cursor for
    select id, customer_external_id, name, occurred_at, properties, received_at, revision, voided_at
    from ${sql.id(partitionName)}
    where environment_id = ${environmentId}
    order by occurred_at, id`.execute(transaction);
  async function* lines(): AsyncGenerator<string> {
    for (;;) {
      const { rows } = await sql<ArchivedEventRow>`
        fetch ${sql.raw(String(pageSize))} from archived_events`.execute(transaction);
      eventCount += rows.length;
      if (rows.length > 0) yield rows.map(archiveLine).join("");
      if (rows.length < pageSize) break;
    }
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial));
  await sql`close archived_events`.execute(transaction);
  const handle = await open(partial, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, file);
  return eventCount;
}

type ArchivedEventRow = Omit<EventRow, "environment_id" | "organization_id">;

/** One event as a line: the fields of the ingestion API, and what the database added. */
function archiveLine(row: ArchivedEventRow): string {
  return `${JSON.stringify(storedEventFields(row))}\n`;
}

/**
 * The instant before which the environment's raw events are archived (the end
 * of the latest archived month), or undefined when none are.
 */
export async function archivedBefore(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
): Promise<Date | undefined> {
  const row = await database
    .selectFrom("event_archives")
    .select((expression) => expression.fn.max("range_end").as("archived_before"))
    .where("environment_id", "=", scope.environmentId)
    .executeTakeFirst();
  return row?.archived_before ?? undefined;
}
