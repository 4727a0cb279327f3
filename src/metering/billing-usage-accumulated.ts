// Usage windows that the hourly rollups cannot answer, answered from the raw
// events through the billing core's own accumulator: a dimensional charge's
// window (each combination of event properties aggregated on its own) and a
// window of usage billed in advance (events grouped by the instant window
// they were received in). The store's events go through the very code that
// `fairbill simulate` runs on a scenario's events, in the store's order (by
// timestamp, then received later, then by id), each with its received time,
// and each read by the meter version in effect at its timestamp.
import { sql } from "kysely";
import {
  type Instant,
  type Meter,
  type MeterDefinitionSpan,
  UsageAccumulator,
  type UsageAggregate,
  type UsageWindow,
} from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { forEachRawEvent } from "./billing-usage-reads.ts";

/** Whether a window is answered from raw events: a dimensional charge's, or one of usage billed in advance. */
export function isAccumulatedFromEvents(window: UsageWindow): boolean {
  return window.dimensions !== undefined || window.instantWindowMilliseconds !== undefined;
}

/**
 * The aggregates of `windows` (all of `meter`) from the customer's events,
 * each read by the definition of `history` in effect at its timestamp.
 * A `weighted_sum` meter reads from `levelsStartAt` on, where its levels start.
 * Events the meter cannot read, or that a dimensional default refuses, are
 * left out, as the accumulator leaves them out.
 */
export async function accumulateFromEvents(
  database: Database,
  scope: TenantScope,
  job: {
    customerExternalId: string;
    meter: Meter;
    history: readonly MeterDefinitionSpan[];
    windows: readonly UsageWindow[];
    levelsStartAt: Instant;
  },
): Promise<Map<string, UsageAggregate>> {
  const { meter, windows } = job;
  const accumulator = new UsageAccumulator({
    meters: [meter],
    windows,
    levelsStartAt: job.levelsStartAt,
    histories: new Map([[meter.code, job.history]]),
  });
  const earliest = Math.min(...windows.map((window) => window.start));
  const start = meter.aggregation === "weighted_sum" ? Math.min(earliest, job.levelsStartAt) : earliest;
  const end = Math.max(...windows.map((window) => window.end));
  let sequence = 0;
  await forEachRawEvent(
    database,
    scope,
    {
      customerExternalId: job.customerExternalId,
      eventNames: [...new Set(job.history.map((span) => span.meter.eventName))],
      ranges: [{ start, end }],
    },
    (event) => {
      accumulator.add(event, sequence++);
    },
  );
  return new Map(accumulator.finish());
}

/**
 * The ends of the instant windows (of `windowMilliseconds`, counted from the
 * epoch) that received an event of one of these names from the customer,
 * for windows ending in `(after, until]`, ascending: when usage billed in
 * advance falls due (scenario format v2, V15).
 */
export async function receivedWindowEnds(
  database: Database,
  scope: TenantScope,
  query: {
    customerExternalId: string;
    eventNames: readonly string[];
    after: Instant;
    until: Instant;
    windowMilliseconds: number;
  },
): Promise<Instant[]> {
  const width = query.windowMilliseconds;
  // A window ends after `after` when it starts at or after the start of the window holding `after`.
  const from = Math.floor(query.after / width) * width;
  const to = Math.floor(query.until / width) * width;
  if (query.eventNames.length === 0 || to <= from) return [];
  const { rows } = await sql<{ window_index: string }>`
    select distinct floor(extract(epoch from event.received_at) * 1000 / ${width})::bigint::text as window_index
    from events as event
    where event.environment_id = ${scope.environmentId}
      and event.customer_external_id = ${query.customerExternalId}
      and event.name = any(${[...query.eventNames]}::text[])
      and event.received_at >= ${new Date(from).toISOString()}::timestamptz
      and event.received_at < ${new Date(to).toISOString()}::timestamptz`.execute(database);
  return rows.map((row) => (Number(row.window_index) + 1) * width).sort((left, right) => left - right);
}
