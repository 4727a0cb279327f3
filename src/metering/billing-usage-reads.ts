// The reads behind billing usage, one meter of one customer at a time: whole
// hours of rollups summed per bucket by the database, distinct values counted
// per slot, raw events of the ranges the rollups cannot answer (paged, in the
// store's order), and the events at given instants (to pick a `latest`).
// Instants the database hands back for a later lookup travel as its own text,
// so they keep their full precision.
import { sql } from "kysely";
import type { Instant } from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { MeterUsagePlan } from "./billing-usage-plan.ts";
import type { RollupBucket } from "./billing-usage-totals.ts";
import type { InstantRange } from "./instant-ranges.ts";
import { millisecondsPerHour } from "./rollup-cells.ts";
import type { EventProperties } from "./tables.ts";

/** Where a meter's rollups are: its stored id, and the versions whose rollups are read. */
export type RollupSource = { meterId: string; versions: readonly number[] };

const rawEventsPageSize = 20_000;

function isoTexts(instants: readonly Instant[]): string[] {
  return instants.map((instant) => new Date(instant).toISOString());
}

/** The rollups of the plan's whole hours, summed per bucket. */
export async function sumRollupBuckets(
  database: Database,
  scope: TenantScope,
  customerExternalId: string,
  source: RollupSource,
  plan: MeterUsagePlan,
): Promise<RollupBucket[]> {
  if (plan.rollupRanges.length === 0) return [];
  // Per bucket (1-based, as width_bucket numbers them): where weighted changes are measured to, its slot's end.
  const measureTo = plan.slotOfBucket.map((slot) => String(plan.slots[slot]?.end ?? 0));
  const weighted =
    plan.levelsStartAt === undefined
      ? sql<string | null>`null`
      : sql<string | null>`sum(hour.weighted_change + hour.value_sum
          * ((${measureTo}::numeric[])[hour.bucket + 1]
            - (extract(epoch from hour.hour_start) * 1000 + ${millisecondsPerHour})))::text`;
  const { rows } = await sql<RollupBucketRow>`
    select hour.bucket, sum(hour.event_count)::text as event_count,
      coalesce(sum(hour.event_count) filter (where hour.value_sum is not null), 0)::text as valued_count,
      sum(hour.value_sum)::text as value_sum,
      max(hour.value_max)::text as value_max, max(hour.latest_at) as latest_at,
      max(hour.latest_at)::text as latest_at_text, ${weighted} as weighted
    from (
      select rollup.hour_start, rollup.event_count, rollup.value_sum, rollup.value_max, rollup.latest_at,
        rollup.weighted_change,
        width_bucket(rollup.hour_start, ${isoTexts(plan.boundaries)}::timestamptz[]) - 1 as bucket
      from unnest(${isoTexts(plan.rollupRanges.map((range) => range.start))}::timestamptz[],
          ${isoTexts(plan.rollupRanges.map((range) => range.end))}::timestamptz[]) as range(range_start, range_end)
      join usage_rollups as rollup
        on rollup.environment_id = ${scope.environmentId} and rollup.meter_id = ${source.meterId}
        and rollup.customer_external_id = ${customerExternalId}
        and rollup.hour_start >= range.range_start and rollup.hour_start < range.range_end
      where rollup.meter_version = any(${[...source.versions]}::int[])
    ) as hour
    group by hour.bucket`.execute(database);
  return rows.map(rollupBucketOf);
}

/** One customer's usage plan of a meter, among those whose rollups one query sums. */
export type RollupJob = { customerExternalId: string; plan: MeterUsagePlan };

/**
 * The rollups of many customers' plans of one meter, summed per plan and
 * bucket in one query: what `sumRollupBuckets` gives for each plan on its
 * own, the result at the plan's index. Each plan's rollup ranges are cut at
 * its boundaries, so that every hour of a piece falls in the piece's bucket.
 */
export async function sumRollupBucketsOfMany(
  database: Database,
  scope: TenantScope,
  source: RollupSource,
  jobs: readonly RollupJob[],
): Promise<RollupBucket[][]> {
  const pieces = jobs.flatMap((job, index) => rollupPiecesOf(job, index));
  const results: RollupBucket[][] = jobs.map(() => []);
  if (pieces.length === 0) return results;
  const { rows } = await sql<RollupBucketRow & { job: number }>`
    select piece.job, piece.bucket, sum(rollup.event_count)::text as event_count,
      coalesce(sum(rollup.event_count) filter (where rollup.value_sum is not null), 0)::text as valued_count,
      sum(rollup.value_sum)::text as value_sum, max(rollup.value_max)::text as value_max,
      max(rollup.latest_at) as latest_at, max(rollup.latest_at)::text as latest_at_text,
      sum(rollup.weighted_change + rollup.value_sum
        * (piece.measure_to - (extract(epoch from rollup.hour_start) * 1000 + ${millisecondsPerHour})))::text
        as weighted
    from unnest(${pieces.map((piece) => piece.job)}::int[],
        ${pieces.map((piece) => piece.customerExternalId)}::text[],
        ${isoTexts(pieces.map((piece) => piece.start))}::timestamptz[],
        ${isoTexts(pieces.map((piece) => piece.end))}::timestamptz[],
        ${pieces.map((piece) => piece.bucket)}::int[],
        ${pieces.map((piece) => piece.measureTo)}::numeric[])
      as piece(job, customer_external_id, range_start, range_end, bucket, measure_to)
    join usage_rollups as rollup
      on rollup.environment_id = ${scope.environmentId} and rollup.meter_id = ${source.meterId}
      and rollup.customer_external_id = piece.customer_external_id
      and rollup.hour_start >= piece.range_start and rollup.hour_start < piece.range_end
    where rollup.meter_version = any(${[...source.versions]}::int[])
    group by piece.job, piece.bucket`.execute(database);
  for (const row of rows) results[row.job]?.push(rollupBucketOf(row));
  return results;
}

type RollupPiece = {
  job: number;
  customerExternalId: string;
  start: Instant;
  end: Instant;
  bucket: number;
  measureTo: string | null;
};

/**
 * A plan's rollup ranges cut at its boundaries, each piece with the bucket
 * `width_bucket` gives its hours (one less than the boundaries at or before
 * it) and where weighted changes are measured to (none without levels).
 */
function rollupPiecesOf(job: RollupJob, index: number): RollupPiece[] {
  const { plan } = job;
  const pieces: RollupPiece[] = [];
  for (const range of plan.rollupRanges) {
    const cuts = plan.boundaries.filter((boundary) => boundary > range.start && boundary < range.end);
    const edges = [range.start, ...cuts, range.end];
    for (let edge = 0; edge + 1 < edges.length; edge++) {
      const start = edges[edge] as Instant;
      const bucket = plan.boundaries.filter((boundary) => boundary <= start).length - 1;
      const measureTo =
        plan.levelsStartAt === undefined || bucket < 0 || bucket >= plan.slotOfBucket.length
          ? null
          : String(plan.slots[plan.slotOfBucket[bucket] ?? -1]?.end ?? 0);
      pieces.push({
        job: index,
        customerExternalId: job.customerExternalId,
        start,
        end: edges[edge + 1] as Instant,
        bucket,
        measureTo,
      });
    }
  }
  return pieces;
}

type RollupBucketRow = {
  bucket: number;
  event_count: string;
  valued_count: string;
  value_sum: string | null;
  value_max: string | null;
  latest_at: Date | null;
  latest_at_text: string | null;
  weighted: string | null;
};

function rollupBucketOf(row: RollupBucketRow): RollupBucket {
  return {
    bucket: row.bucket,
    eventCount: Number(row.event_count),
    valuedCount: Number(row.valued_count),
    sum: row.value_sum,
    maximum: row.value_max,
    latestAt: row.latest_at?.getTime() ?? null,
    latestAtText: row.latest_at_text,
    weightedToSlotEnd: row.weighted,
  };
}

/**
 * unique_count: distinct values per slot, over the rollups' recorded values
 * and those of raw events. `select distinct` lets the database hash the
 * values, several times faster than `count(distinct …)`, which sorts them.
 */
export async function countDistinctPerSlot(
  database: Database,
  scope: TenantScope,
  customerExternalId: string,
  source: RollupSource | undefined,
  plan: MeterUsagePlan,
  rawKeys: readonly { slot: number; valueKey: string }[],
): Promise<Map<number, number>> {
  const rollupRanges = source === undefined ? [] : plan.rollupRanges;
  if (rollupRanges.length === 0 && rawKeys.length === 0) return new Map();
  const { rows } = await sql<{ slot: number; distinct_count: number }>`
    select slot, count(*)::int as distinct_count
    from (select distinct slot, value_key from (
      select (${[...plan.slotOfBucket]}::int[])[width_bucket(value.hour_start, ${isoTexts(plan.boundaries)}::timestamptz[])]
          as slot,
        value.value_key
      from unnest(${isoTexts(rollupRanges.map((range) => range.start))}::timestamptz[],
          ${isoTexts(rollupRanges.map((range) => range.end))}::timestamptz[]) as range(range_start, range_end)
      join usage_unique_values as value
        on value.environment_id = ${scope.environmentId} and value.meter_id = ${source?.meterId ?? ""}
        and value.customer_external_id = ${customerExternalId}
        and value.hour_start >= range.range_start and value.hour_start < range.range_end
      where value.meter_version = any(${[...(source?.versions ?? [])]}::int[])
      union all
      select raw.slot, raw.value_key
      from unnest(${rawKeys.map((key) => key.slot)}::int[], ${rawKeys.map((key) => key.valueKey)}::text[])
        as raw(slot, value_key)
    ) as slot_value
    where slot >= 0) as distinct_value
    group by slot`.execute(database);
  return new Map(rows.map((row) => [row.slot, row.distinct_count]));
}

export type RawEvent = {
  id: string;
  name: string;
  timestamp: Instant;
  receivedAt: Instant;
  properties: EventProperties;
};

/** `event.name` is one of the names: a plain equality for one name (every meter with a single version). */
function nameIn(eventNames: readonly string[]) {
  return eventNames.length === 1
    ? sql`event.name = ${eventNames[0]}`
    : sql`event.name = any(${[...eventNames]}::text[])`;
}

/**
 * The customer's live (not voided) events of these names in the ranges, each
 * at its latest revision, in the store's order: by timestamp, then the one
 * received later, then by id. Read in pages (keyset on that order) so a long
 * range never sits in memory whole.
 */
export async function forEachRawEvent(
  database: Database,
  scope: TenantScope,
  query: {
    customerExternalId: string;
    eventNames: readonly string[];
    ranges: readonly InstantRange[];
    pageSize?: number;
  },
  visit: (event: RawEvent) => void,
): Promise<void> {
  const pageSize = query.pageSize ?? rawEventsPageSize;
  if (query.eventNames.length === 0) return;
  for (const range of query.ranges) {
    let after: { occurredAt: string; receivedAt: string; id: string } | undefined;
    for (;;) {
      const start = new Date(range.start).toISOString();
      // The timestamp as a number of milliseconds: half the cost of a Date per row.
      const { rows } = await sql<{
        occurred_ms: number;
        received_ms: number;
        id: string;
        name: string;
        properties: EventProperties;
      }>`
        select (extract(epoch from event.occurred_at) * 1000)::float8 as occurred_ms,
          (extract(epoch from event.received_at) * 1000)::float8 as received_ms, event.id, event.name,
          event.properties
        from events as event
        where event.environment_id = ${scope.environmentId}
          and event.customer_external_id = ${query.customerExternalId}
          and event.occurred_at >= ${after === undefined ? sql`${start}::timestamptz` : sql`greatest(${start}::timestamptz, ${after.occurredAt}::timestamptz)`}
          and event.occurred_at < ${new Date(range.end).toISOString()}::timestamptz
          and ${nameIn(query.eventNames)} and event.voided_at is null
          ${
            after === undefined
              ? sql``
              : sql`and (event.occurred_at, event.received_at, event.id)
                  > (${after.occurredAt}::timestamptz, ${after.receivedAt}::timestamptz, ${after.id})`
          }
        order by event.occurred_at, event.received_at, event.id
        limit ${pageSize}`.execute(database);
      for (const row of rows) {
        visit({
          id: row.id,
          name: row.name,
          timestamp: Math.floor(row.occurred_ms),
          receivedAt: Math.floor(row.received_ms),
          properties: row.properties,
        });
      }
      const last = rows.at(-1);
      if (last === undefined || rows.length < pageSize) break;
      after = { ...(await keysetOf(database, scope, last.id)), id: last.id };
    }
  }
}

/** Where the next page starts: the last event's timestamps, at the database's full precision. */
async function keysetOf(
  database: Database,
  scope: TenantScope,
  eventId: string,
): Promise<{ occurredAt: string; receivedAt: string }> {
  const { rows } = await sql<{ occurred_at: string; received_at: string }>`
    select occurred_at::text as occurred_at, received_at::text as received_at from events
    where environment_id = ${scope.environmentId} and id = ${eventId}`.execute(database);
  const row = rows[0];
  if (row === undefined) throw new Error(`event ${eventId} disappeared while it was being read`);
  return { occurredAt: row.occurred_at, receivedAt: row.received_at };
}

/**
 * The customer's live events of these names at each instant (given as the
 * database prints it), in the store's order; `position` is the instant's
 * index in the list.
 */
export async function eventsAtInstants(
  database: Database,
  scope: TenantScope,
  query: { customerExternalId: string; eventNames: readonly string[]; instants: readonly string[] },
): Promise<{ position: number; name: string; properties: EventProperties }[]> {
  if (query.instants.length === 0 || query.eventNames.length === 0) return [];
  const { rows } = await sql<{ position: string; name: string; properties: EventProperties }>`
    select instant.position, event.name, event.properties
    from unnest(${[...query.instants]}::timestamptz[]) with ordinality as instant(at, position)
    join events as event
      on event.environment_id = ${scope.environmentId}
      and event.customer_external_id = ${query.customerExternalId}
      and event.occurred_at = instant.at
    where ${nameIn(query.eventNames)} and event.voided_at is null
    order by event.occurred_at, event.received_at, event.id`.execute(database);
  return rows.map((row) => ({
    position: Number(row.position) - 1,
    name: row.name,
    properties: row.properties,
  }));
}
