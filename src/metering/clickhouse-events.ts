// The copies of raw events in ClickHouse (CLICKHOUSE_URL): their tables,
// writing a shipped batch, and the reads that scan raw events there instead
// of in PostgreSQL (the event explorer, reconciliation's month, recounts).
//
// One row per event and revision, in a ReplacingMergeTree keyed by
// (environment, timestamp, id) and partitioned by month: a batch shipped twice
// (a shipper that died before it crossed the batch out) leaves equal rows that
// FINAL reads as one. An amendment may move an event to another timestamp, so
// its earlier revisions are listed in `event_revisions_replaced`, and reads
// leave them out; voids are a revision with `voided_at` set. Timestamps are
// milliseconds since 1970 (the oldest servers have no DateTime64).
import type { Instant } from "../core/index.ts";
import {
  type ClickHouseConnection,
  clickHouseInteger,
  clickHouseText,
  clickHouseTextArray,
} from "../platform/database/clickhouse.ts";
import type { EventRow } from "./event-views.ts";
import type { EventProperties } from "./tables.ts";

/** Creates the tables when they do not exist (every start; cheap). */
export async function prepareClickHouseEventTables(connection: ClickHouseConnection): Promise<void> {
  await connection.client.command({
    query: `create table if not exists ${connection.table("events")} (
      environment_id String,
      id String,
      organization_id String,
      customer_external_id String,
      name String,
      occurred_at Int64,
      occurred_date Date,
      received_at Int64,
      properties String,
      revision UInt32,
      voided_at Nullable(Int64)
    ) engine = ReplacingMergeTree(revision)
    partition by toYYYYMM(occurred_date)
    order by (environment_id, occurred_at, id)`,
  });
  await connection.client.command({
    query: `create table if not exists ${connection.table("event_revisions_replaced")} (
      environment_id String,
      id String,
      revision UInt32
    ) engine = ReplacingMergeTree
    order by (environment_id, id, revision)`,
  });
}

/** An event as PostgreSQL holds it now, to be copied. */
export type EventCopy = Omit<EventRow, "occurred_at" | "received_at" | "voided_at"> & {
  occurred_at: Date;
  received_at: Date;
  voided_at: Date | null;
};

/** Writes the events' current states, then marks their earlier revisions replaced. */
export async function writeEventCopies(
  connection: ClickHouseConnection,
  events: readonly EventCopy[],
): Promise<void> {
  if (events.length === 0) return;
  await connection.client.insert({
    table: connection.table("events"),
    format: "JSONEachRow",
    values: events.map((event) => ({
      environment_id: event.environment_id,
      id: event.id,
      organization_id: event.organization_id,
      customer_external_id: event.customer_external_id,
      name: event.name,
      occurred_at: event.occurred_at.getTime(),
      occurred_date: event.occurred_at.toISOString().slice(0, 10),
      received_at: event.received_at.getTime(),
      properties: JSON.stringify(event.properties),
      revision: event.revision,
      voided_at: event.voided_at?.getTime() ?? null,
    })),
  });
  const replaced = events.flatMap((event) =>
    Array.from({ length: event.revision }, (_, revision) => ({
      environment_id: event.environment_id,
      id: event.id,
      revision,
    })),
  );
  if (replaced.length === 0) return;
  await connection.client.insert({
    table: connection.table("event_revisions_replaced"),
    format: "JSONEachRow",
    values: replaced,
  });
}

type CopiedRow = {
  environment_id: string;
  id: string;
  organization_id: string;
  customer_external_id: string;
  name: string;
  occurred_at: string;
  received_at: string;
  properties: string;
  revision: number;
  voided_at: string | null;
};

const copiedColumns =
  "environment_id, id, organization_id, customer_external_id, name, occurred_at, received_at, properties, revision, voided_at";

function toEventRow(row: CopiedRow): EventRow {
  return {
    environment_id: row.environment_id,
    id: row.id,
    organization_id: row.organization_id,
    customer_external_id: row.customer_external_id,
    name: row.name,
    occurred_at: new Date(Number(row.occurred_at)),
    received_at: new Date(Number(row.received_at)),
    properties: JSON.parse(row.properties) as EventProperties,
    revision: Number(row.revision),
    voided_at: row.voided_at === null ? null : new Date(Number(row.voided_at)),
  };
}

/** The live copies (latest revision) of one environment's events that meet every condition. */
function liveEvents(connection: ClickHouseConnection, environmentId: string, conditions: string[]): string {
  const environment = clickHouseText(environmentId);
  return `${connection.table("events")} final
    where environment_id = ${environment}
      ${conditions.map((condition) => `and ${condition}`).join(" ")}
      and (id, revision) not in (
        select id, revision from ${connection.table("event_revisions_replaced")}
        where environment_id = ${environment})`;
}

async function selectRows<Row>(connection: ClickHouseConnection, query: string): Promise<Row[]> {
  const result = await connection.client.query({ query, format: "JSONEachRow" });
  return result.json<Row>();
}

export type ExplorerQuery = {
  customer: string | undefined;
  name: string | undefined;
  from: Instant | undefined;
  to: Instant | undefined;
  /** Events strictly before this one, newest first. */
  before: { occurredAt: Instant; id: string } | undefined;
  limit: number;
};

/** The explorer's page: events newest first (timestamp, then id, descending). */
export async function explorerEvents(
  connection: ClickHouseConnection,
  environmentId: string,
  query: ExplorerQuery,
): Promise<EventRow[]> {
  const conditions: string[] = [];
  if (query.customer !== undefined)
    conditions.push(`customer_external_id = ${clickHouseText(query.customer)}`);
  if (query.name !== undefined) conditions.push(`name = ${clickHouseText(query.name)}`);
  if (query.from !== undefined) conditions.push(`occurred_at >= ${clickHouseInteger(query.from)}`);
  if (query.to !== undefined) conditions.push(`occurred_at < ${clickHouseInteger(query.to)}`);
  if (query.before !== undefined) {
    const at = clickHouseInteger(query.before.occurredAt);
    conditions.push(
      `(occurred_at < ${at} or (occurred_at = ${at} and id < ${clickHouseText(query.before.id)}))`,
    );
  }
  const rows = await selectRows<CopiedRow>(
    connection,
    `select ${copiedColumns} from ${liveEvents(connection, environmentId, conditions)}
     order by occurred_at desc, id desc
     limit ${clickHouseInteger(query.limit)}`,
  );
  return rows.map(toEventRow);
}

/** Per customer external id: its event count, first and last timestamp, and its newest events. */
export async function eventsOfCustomers(
  connection: ClickHouseConnection,
  environmentId: string,
  customers: readonly string[],
  newestPerCustomer: number,
): Promise<{
  totals: { customer: string; event_count: number; first: Date; last: Date }[];
  newest: EventRow[];
}> {
  const condition = [`has(${clickHouseTextArray(customers)}, customer_external_id)`];
  const totals = await selectRows<{ customer: string; event_count: string; first: string; last: string }>(
    connection,
    `select customer_external_id as customer, count() as event_count,
       min(occurred_at) as first, max(occurred_at) as last
     from ${liveEvents(connection, environmentId, condition)}
     group by customer_external_id`,
  );
  const newest = await selectRows<CopiedRow>(
    connection,
    `select ${copiedColumns} from ${liveEvents(connection, environmentId, condition)}
     order by customer_external_id, occurred_at desc, id desc
     limit ${clickHouseInteger(newestPerCustomer)} by customer_external_id`,
  );
  return {
    totals: totals.map((total) => ({
      customer: total.customer,
      event_count: Number(total.event_count),
      first: new Date(Number(total.first)),
      last: new Date(Number(total.last)),
    })),
    newest: newest.map(toEventRow),
  };
}

type Range = { start: Date; end: Date };

function inRange(range: Range): string[] {
  return [
    `occurred_at >= ${clickHouseInteger(range.start.getTime())}`,
    `occurred_at < ${clickHouseInteger(range.end.getTime())}`,
  ];
}

/** How many events occurred in [start, end), and how many of those were voided since. */
export async function countEventsBetween(
  connection: ClickHouseConnection,
  environmentId: string,
  range: Range,
): Promise<{ all: number; voided: number }> {
  const [counts] = await selectRows<{ total: string; voided: string }>(
    connection,
    `select count() as total, countIf(voided_at is not null) as voided
     from ${liveEvents(connection, environmentId, inRange(range))}`,
  );
  return { all: Number(counts?.total ?? 0), voided: Number(counts?.voided ?? 0) };
}

/** Every customer external id that an event occurred in [start, end) names. */
export async function customersWithEventsBetween(
  connection: ClickHouseConnection,
  environmentId: string,
  range: Range,
): Promise<string[]> {
  const rows = await selectRows<{ customer: string }>(
    connection,
    `select distinct customer_external_id as customer
     from ${liveEvents(connection, environmentId, inRange(range))}`,
  );
  return rows.map((row) => row.customer);
}

/** A page of the events in [start, end) (voided ones too), by timestamp then id, after `after`. */
export async function eventPageBetween(
  connection: ClickHouseConnection,
  environmentId: string,
  range: Range,
  after: { at: Date; id: string } | undefined,
  pageSize: number,
): Promise<EventRow[]> {
  const conditions = inRange(range);
  if (after !== undefined) {
    const at = clickHouseInteger(after.at.getTime());
    conditions.push(`(occurred_at > ${at} or (occurred_at = ${at} and id > ${clickHouseText(after.id)}))`);
  }
  const rows = await selectRows<CopiedRow>(
    connection,
    `select ${copiedColumns} from ${liveEvents(connection, environmentId, conditions)}
     order by occurred_at, id
     limit ${clickHouseInteger(pageSize)}`,
  );
  return rows.map(toEventRow);
}

/** How many events occurred from `from` on, counting at most `atMost`. */
export async function countEventsFrom(
  connection: ClickHouseConnection,
  environmentId: string,
  from: Instant,
  atMost: number,
): Promise<number> {
  const [row] = await selectRows<{ stored: string }>(
    connection,
    `select count() as stored from (
       select 1 from ${liveEvents(connection, environmentId, [`occurred_at >= ${clickHouseInteger(from)}`])}
       limit ${clickHouseInteger(atMost)})`,
  );
  return Number(row?.stored ?? 0);
}

/**
 * A page of the live (not voided) events of the given names from `from` on, in
 * the order a recount folds them (timestamp, time received, id), after `after`.
 */
export async function recountPage(
  connection: ClickHouseConnection,
  environmentId: string,
  query: {
    eventNames: readonly string[];
    from: Instant;
    after: { occurredAt: Instant; receivedAt: Instant; id: string } | undefined;
    pageSize: number;
  },
): Promise<EventRow[]> {
  const conditions = [
    `has(${clickHouseTextArray(query.eventNames)}, name)`,
    "voided_at is null",
    `occurred_at >= ${clickHouseInteger(query.from)}`,
  ];
  if (query.after !== undefined) {
    const at = clickHouseInteger(query.after.occurredAt);
    const received = clickHouseInteger(query.after.receivedAt);
    const id = clickHouseText(query.after.id);
    conditions.push(
      `(occurred_at > ${at} or (occurred_at = ${at} and (received_at > ${received} or (received_at = ${received} and id > ${id}))))`,
    );
  }
  const rows = await selectRows<CopiedRow>(
    connection,
    `select ${copiedColumns} from ${liveEvents(connection, environmentId, conditions)}
     order by occurred_at, received_at, id
     limit ${clickHouseInteger(query.pageSize)}`,
  );
  return rows.map(toEventRow);
}
