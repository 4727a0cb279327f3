// The monthly partitions of the events table (migration
// 20261207085229_events_partitioned_by_month.sql): made ahead of time, and
// for the months whose events the default partition caught (a backfill far in
// the past). The DDL itself is the SQL function prepare_event_partition, which
// runs as the tables' owner, so the role the application runs as can call it.
import { sql } from "kysely";
import type { Database } from "../platform/database/schema.ts";

/** Months made ahead of the current one. */
const monthsAhead = 2;

/** The first instant of the UTC month `offset` months after the one holding `at`. */
function monthStartOf(at: Date, offset = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
}

/** `events_2026_12` for December 2026 (UTC). */
function partitionNameOf(monthStart: Date): string {
  return `events_${monthStart.getUTCFullYear()}_${String(monthStart.getUTCMonth() + 1).padStart(2, "0")}`;
}

/**
 * Makes the partitions of the month holding `at` and the next two, and one for
 * every month that events in the default partition fall in (moving them
 * there); returns the names of those it made.
 */
export async function prepareEventPartitions(database: Database, at: Date): Promise<string[]> {
  const months = new Map<string, Date>();
  for (let offset = 0; offset <= monthsAhead; offset++) {
    const month = monthStartOf(at, offset);
    months.set(month.toISOString(), month);
  }
  const { rows } = await sql<{ month_start: Date }>`
    select distinct date_trunc('month', occurred_at at time zone 'UTC') at time zone 'UTC' as month_start
    from events_default`.execute(database);
  for (const row of rows) months.set(row.month_start.toISOString(), row.month_start);
  const made: string[] = [];
  for (const month of [...months.values()].sort((left, right) => left.getTime() - right.getTime())) {
    const { rows: result } = await sql<{ made: boolean }>`
      select prepare_event_partition(${month.toISOString().slice(0, 10)}::date) as made`.execute(database);
    if (result[0]?.made) made.push(partitionNameOf(month));
  }
  return made;
}

/** The monthly partitions attached to the events table, oldest first (the default partition left out). */
export async function monthlyEventPartitions(
  database: Database,
): Promise<{ name: string; start: Date; end: Date }[]> {
  const { rows } = await sql<{ name: string }>`
    select child.relname as name
    from pg_inherits
    join pg_class as child on child.oid = pg_inherits.inhrelid
    where pg_inherits.inhparent = 'events'::regclass`.execute(database);
  return rows
    .map((row) => /^events_(\d{4})_(\d{2})$/.exec(row.name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => {
      const start = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
      return { name: match[0], start, end: monthStartOf(start, 1) };
    })
    .sort((left, right) => left.start.getTime() - right.start.getTime());
}
