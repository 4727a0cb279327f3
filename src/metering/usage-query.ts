// Usage of one customer on one meter over [from, to), in windows of the
// customer's time zone, optionally per value of one dimension. Answered from
// the hourly rollups: the cost follows the number of hours (and groups) in
// the range, not the number of events. An hour that a boundary cuts (a `from`
// or `to` off the hour, or a local midnight of a zone offset by 30 or 45
// minutes) is read from its raw events instead, which the same code that
// builds the rollups folds into cells: at most one hour of events per cut.
import { sql } from "kysely";
import type { Aggregation } from "../core/index.ts";
import { Decimal, type Instant, parseInstant, toDecimal, ZERO } from "../core/index.ts";
import { findCustomerByExternalId } from "../customers/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { notFound, validationFailed } from "../platform/errors.ts";
import { MeterCatalog } from "./meter-catalog.ts";
import { type MeterVersion, versionInEffect } from "./meter-definition.ts";
import { loadVersionsOfMeterCode } from "./meter-versions.ts";
import { type QueryWindow, queryWindows, windowIndexOf } from "./query-windows.ts";
import { addToRangeTotals, type RangeTotal, sumEventsInRange } from "./range-totals.ts";
import {
  addReadingsToCells,
  hourStartOf,
  millisecondsPerHour,
  type RollupCell,
  RollupCells,
} from "./rollup-cells.ts";
import type { EventProperties } from "./tables.ts";
import type { UsageQueryInput, UsageReport } from "./usage-schemas.ts";
import { type UsagePiece, WindowedUsage } from "./windowed-usage.ts";

/** More windows than this (per group) is a chart nobody reads; a larger window serves better. */
const maximumWindows = 10_000;

export async function queryUsage(context: RequestContext, input: UsageQueryInput): Promise<UsageReport> {
  const from = parseQueryInstant(input.from, "query.from");
  const to = input.to === undefined ? context.clock.now().getTime() : parseQueryInstant(input.to, "query.to");
  if (to <= from) throw validationFailed([{ path: "query.to", message: "must be after from" }]);
  const customer = await findCustomerByExternalId(context.database, context, input.customer);
  if (!customer) throw notFound("customer with external id", input.customer);
  return usageOfCustomer(context, customer.timezone, input, { from, to });
}

/**
 * The total usage of a customer the caller has already read (by its external
 * id and time zone) on each of these meters over [from, to), by meter code:
 * the meters side by side, so one round trip to the database however many
 * (the meter versions come from their cache).
 */
export async function customerUsageTotals(
  context: RequestContext,
  customer: { externalId: string; timezone: string },
  meterCodes: readonly string[],
  range: { from: Date; to: Date },
): Promise<Map<string, Decimal>> {
  const totals = await Promise.all(
    meterCodes.map(async (meter) => {
      const report = await usageOfCustomer(
        context,
        customer.timezone,
        { customer: customer.externalId, meter, from: range.from.toISOString(), to: range.to.toISOString() },
        { from: range.from.getTime(), to: range.to.getTime() },
      );
      return [meter, report.windows.reduce((sum, window) => sum.plus(window.value), ZERO)] as const;
    }),
  );
  return new Map(totals);
}

async function usageOfCustomer(
  context: RequestContext,
  timezone: string,
  input: UsageQueryInput,
  { from, to }: { from: Instant; to: Instant },
): Promise<UsageReport> {
  const customer = { timezone };
  const versions = await loadVersionsOfMeterCode(context.database, context, input.meter);
  const meter = versions[0] === undefined ? undefined : { id: versions[0].meterId, code: versions[0].code };
  if (!meter) throw notFound("meter with code", input.meter);
  const groupBy = input.group_by;
  if (groupBy !== undefined && !versions.some((version) => version.definition.group_by.includes(groupBy))) {
    const known = [...new Set(versions.flatMap((version) => version.definition.group_by))];
    throw validationFailed([
      {
        path: "query.group_by",
        message: `is not a dimension of meter "${meter.code}" (its dimensions: ${known.length > 0 ? known.join(", ") : "none"})`,
      },
    ]);
  }
  const windowUnit = input.window ?? "none";
  const windows = queryWindows(from, to, windowUnit, customer.timezone, maximumWindows);
  if (windows === undefined) {
    throw validationFailed([
      {
        path: "query.window",
        message: `gives more than ${maximumWindows} windows; use a larger window or a shorter range`,
      },
    ]);
  }
  const aggregations = windows.map(
    (window) => (versionInEffect(versions, window.end - 1) ?? versions[0])?.definition.aggregation ?? "count",
  );
  const scope = { environmentId: context.environmentId, meterId: meter.id, customer: input.customer };
  const range = { from, to, windows, groupBy, aggregations };
  const usage =
    (await windowedUsage(context, scope, versions, range, true)) ??
    (await windowedUsageFromEvents(context, scope, versions, range));
  return {
    customer: input.customer,
    meter: meter.code,
    aggregation: aggregations.at(-1) ?? "count",
    timezone: customer.timezone,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    window: windowUnit,
    group_by: groupBy ?? null,
    windows: usage,
  };
}

/** A query's range, its windows, the aggregation of each and the dimension it groups by. */
type UsageRange = {
  from: Instant;
  to: Instant;
  windows: readonly QueryWindow[];
  groupBy: string | undefined;
  aggregations: readonly Aggregation[];
};

/** The report's windows with every cut hour read from its events, which always settles. */
async function windowedUsageFromEvents(
  context: RequestContext,
  scope: UsageScope,
  versions: readonly MeterVersion[],
  range: UsageRange,
): Promise<UsageReport["windows"]> {
  const usage = await windowedUsage(context, scope, versions, range, false);
  if (usage === undefined) throw new Error("usage read from the events of every cut hour did not settle");
  return usage;
}

/** Aggregations whose rollup of an hour, less the events after `to`, is exact (see WindowedUsage.subtract). */
const tailedAggregations: ReadonlySet<Aggregation> = new Set(["count", "sum", "max", "unique_count"]);

/**
 * The report's windows. With `unfinishedHourFromRollups`, the hour that `to`
 * cuts (month-to-date ends now) comes whole from its rollup when nothing
 * else cuts it and every window's aggregation allows it; the events of its
 * tail, after `to` (usually none), are taken back out. Undefined when the
 * tail held what cannot be taken out (the largest value, a distinct value):
 * the caller then reads that hour's events.
 */
async function windowedUsage(
  context: RequestContext,
  scope: UsageScope,
  versions: readonly MeterVersion[],
  range: UsageRange,
  unfinishedHourFromRollups: boolean,
): Promise<UsageReport["windows"] | undefined> {
  const { from, to, windows, groupBy, aggregations } = range;
  const usage = new WindowedUsage(windows, groupBy);
  const firstHour = hourStartOf(from);
  const endHour = hourStartOf(to - 1) + millisecondsPerHour;
  const cutHours = hoursCutBy([from, to, ...windows.map((window) => window.start)]);
  const unfinishedHour = hourStartOf(to);
  const tailed =
    unfinishedHourFromRollups &&
    unfinishedHour !== to &&
    !hoursCutBy([from, ...windows.map((window) => window.start)]).has(unfinishedHour) &&
    aggregations.every((aggregation) => tailedAggregations.has(aggregation));
  if (tailed) cutHours.delete(unfinishedHour);

  for (const total of await sumWholeHours(context, scope, {
    firstHour,
    endHour,
    cutHours: [...cutHours],
    windows,
  })) {
    usage.add(total.windowIndex, total.dimensionKey, total.piece);
  }
  if (tailed) {
    const lastWindow = windows.length - 1;
    const tail = await tailTotals(context, scope, versions, aggregations[lastWindow]!, {
      from: to,
      to: unfinishedHour + millisecondsPerHour,
    });
    if (tail === undefined) return undefined;
    for (const [dimensionKey, total] of tail) {
      if (!usage.subtract(lastWindow, dimensionKey, total, aggregations[lastWindow]!)) return undefined;
    }
  }

  const needsLevels = aggregations.includes("weighted_sum");
  const rawUniqueValues: { windowIndex: number; group: string | null; valueKey: string }[] = [];
  if (cutHours.size > 0) {
    const cut = await readCutHours(context, scope, versions, [...cutHours], { from, to, windows });
    for (const cell of cut.cells.sorted()) {
      const windowIndex = windowIndexOf(windows, cell.key.bucketStart);
      usage.add(windowIndex, cell.key.dimensionKey, pieceOfCell(cell, windows[windowIndex]!));
      for (const valueKey of cell.uniqueKeys) {
        rawUniqueValues.push({ windowIndex, group: usage.groupValueOf(cell.key.dimensionKey), valueKey });
      }
    }
    if (needsLevels)
      for (const [dimensionKey, change] of cut.changesBeforeFrom) usage.addOpeningLevel(dimensionKey, change);
  }
  if (needsLevels) {
    const levels = await context.database
      .selectFrom("usage_rollups")
      .select(["dimension_key", (eb) => eb.fn.sum<string>("value_sum").as("level")])
      .where("environment_id", "=", scope.environmentId)
      .where("meter_id", "=", scope.meterId)
      .where("customer_external_id", "=", scope.customer)
      .where("hour_start", "<", new Date(firstHour))
      .groupBy("dimension_key")
      .execute();
    for (const level of levels) {
      if (level.level !== null) usage.addOpeningLevel(level.dimension_key, new Decimal(level.level));
    }
  }
  if (aggregations.includes("latest")) await settleLatestValues(context, scope, versions, usage, range);
  const distinctCounts = aggregations.includes("unique_count")
    ? await countDistinct(context, scope, {
        firstHour,
        endHour,
        cutHours: [...cutHours],
        windows,
        groupBy,
        rawUniqueValues,
      })
    : new Map<string, number>();
  return usage.report(aggregations, distinctCounts);
}

/** The hours (by start) that a boundary falls inside of, rather than on. */
function hoursCutBy(boundaries: readonly Instant[]): Set<Instant> {
  const hours = new Set<Instant>();
  for (const boundary of boundaries) {
    if (boundary % millisecondsPerHour !== 0) hours.add(hourStartOf(boundary));
  }
  return hours;
}

type UsageScope = { environmentId: string; meterId: string; customer: string };

/**
 * The totals by dimension key of the events in an unfinished hour's tail:
 * summed by the database where one meter version counts the whole tail,
 * else read event by event. Undefined when the tail holds distinct values
 * (unique_count), which cannot be taken back out of a window's count.
 */
async function tailTotals(
  context: RequestContext,
  scope: UsageScope,
  versions: readonly MeterVersion[],
  aggregation: Aggregation,
  tail: { from: Instant; to: Instant },
): Promise<Map<string, RangeTotal> | undefined> {
  const inEffect = versions.filter(
    (version) => version.effectiveFrom < tail.to && version.effectiveUntil > tail.from,
  );
  if (inEffect.length === 1 && aggregation !== "unique_count") {
    const summed = await sumEventsInRange(context, scope, inEffect[0]!, tail);
    if (summed !== undefined) return summed;
  }
  const { cells } = await readCutHours(context, scope, versions, [hourStartOf(tail.from)], {
    ...tail,
    readFrom: tail.from,
    windows: [{ start: tail.from, end: tail.to }],
  });
  const totals = new Map<string, RangeTotal>();
  for (const cell of cells.sorted()) {
    if (cell.uniqueKeys.size > 0) return undefined;
    const columns = cell.columns();
    addToRangeTotals(totals, cell.key.dimensionKey, {
      eventCount: columns.event_count,
      sum: columns.value_sum === null ? undefined : new Decimal(columns.value_sum),
      maximum: columns.value_max === null ? undefined : new Decimal(columns.value_max),
    });
  }
  return totals;
}

/** Ranges of instants one statement reads events in; more are read by further statements, in order. */
const rangesPerStatement = 100;

/**
 * The instants to read events in: each cut hour from its start (or from
 * `readFrom`, for an unfinished hour's tail) to its end or `to`, whichever
 * comes first; adjacent hours as one range. Sorted, so reading them in order
 * reads the events in time order.
 */
function rangesToRead(
  hourStarts: readonly Instant[],
  readFrom: Instant | undefined,
  to: Instant,
): { start: Instant; end: Instant }[] {
  const ranges: { start: Instant; end: Instant }[] = [];
  for (const hour of [...hourStarts].sort((left, right) => left - right)) {
    const start = Math.max(hour, readFrom ?? hour);
    const end = Math.min(hour + millisecondsPerHour, to);
    if (start >= end) continue;
    const previous = ranges.at(-1);
    if (previous !== undefined && previous.end === start) previous.end = end;
    else ranges.push({ start, end });
  }
  return ranges;
}

/**
 * The raw events of cut hours, folded into cells that each lie inside one
 * window and one hour; and, per dimension key, the changes made before `from`
 * in the hour that `from` cuts (for the opening level of weighted_sum).
 */
async function readCutHours(
  context: RequestContext,
  scope: UsageScope,
  versions: readonly MeterVersion[],
  hourStarts: readonly Instant[],
  range: { from: Instant; to: Instant; windows: readonly QueryWindow[]; readFrom?: Instant },
): Promise<{ cells: RollupCells; changesBeforeFrom: Map<string, Decimal> }> {
  const eventNames = [...new Set(versions.map((version) => version.definition.event_name))];
  const rows: { name: string; occurred_at: Date; properties: EventProperties }[] = [];
  const ranges = rangesToRead(hourStarts, range.readFrom, range.to);
  for (let first = 0; first < ranges.length; first += rangesPerStatement) {
    // Constant bounds, so the planner reads just these instants from the customer's index in the months
    // they fall in (bounds joined from a list of hours made it scan every event of the customer).
    const bounds = ranges.slice(first, first + rangesPerStatement).map(
      ({ start, end }) =>
        sql`(event.occurred_at >= ${new Date(start).toISOString()}::timestamptz
            and event.occurred_at < ${new Date(end).toISOString()}::timestamptz)`,
    );
    const batch = await sql<{ name: string; occurred_at: Date; properties: EventProperties }>`
      select event.name, event.occurred_at, event.properties
      from events as event
      where event.environment_id = ${scope.environmentId}
        and event.customer_external_id = ${scope.customer}
        and (${sql.join(bounds, sql` or `)})
        and event.voided_at is null and event.name = any(${eventNames}::text[])
      order by event.occurred_at, event.received_at, event.id`.execute(context.database);
    rows.push(...batch.rows);
  }
  const catalog = new MeterCatalog(versions);
  const cells = new RollupCells();
  const changesBeforeFrom = new Map<string, Decimal>();
  for (const [sequence, row] of rows.entries()) {
    const timestamp = row.occurred_at.getTime();
    const readings = catalog.read({ name: row.name, timestamp, properties: row.properties });
    if (timestamp < range.from) {
      for (const { reading } of readings) {
        if (reading.kind !== "matched" || reading.numeric === undefined) continue;
        const previous = changesBeforeFrom.get(reading.dimensionKey) ?? ZERO;
        changesBeforeFrom.set(reading.dimensionKey, previous.plus(reading.numeric));
      }
      continue;
    }
    const window = range.windows[windowIndexOf(range.windows, timestamp)]!;
    const hourStart = hourStartOf(timestamp);
    addReadingsToCells(
      cells,
      readings,
      { customerExternalId: scope.customer, timestamp, sequence },
      {
        start: Math.max(hourStart, window.start),
        end: Math.min(hourStart + millisecondsPerHour, window.end),
      },
    );
  }
  return { cells, changesBeforeFrom };
}

/**
 * `latest`: the value of each window's (and group's) latest instant is the
 * last of the events at that instant in the store's order, (received at, id),
 * as billing takes it (billing-usage.ts). The rollups name the instant; the
 * events at it settle which one is last.
 */
async function settleLatestValues(
  context: RequestContext,
  scope: UsageScope,
  versions: readonly MeterVersion[],
  usage: WindowedUsage,
  range: UsageRange,
): Promise<void> {
  const instants = usage.latestInstants(range.aggregations);
  if (instants.length === 0) return;
  const eventNames = [...new Set(versions.map((version) => version.definition.event_name))];
  const { rows } = await sql<{ name: string; occurred_at: Date; properties: EventProperties }>`
    select event.name, event.occurred_at, event.properties
    from events as event
    where event.environment_id = ${scope.environmentId}
      and event.customer_external_id = ${scope.customer}
      and event.occurred_at = any(${instants.map((instant) => new Date(instant).toISOString())}::timestamptz[])
      and event.voided_at is null and event.name = any(${eventNames}::text[])
    order by event.occurred_at, event.received_at, event.id`.execute(context.database);
  const catalog = new MeterCatalog(versions);
  for (const row of rows) {
    const timestamp = row.occurred_at.getTime();
    const windowIndex = windowIndexOf(range.windows, timestamp);
    for (const { reading } of catalog.read({ name: row.name, timestamp, properties: row.properties })) {
      if (reading.kind !== "matched" || reading.numeric === undefined) continue;
      usage.settleLatest(windowIndex, reading.dimensionKey, timestamp, toDecimal(reading.numeric));
    }
  }
}

/**
 * unique_count: distinct values per window (and group), counted by the
 * database over the hours' recorded values plus those of cut hours.
 * Returns counts by `windowIndex|groupKey`.
 */
async function countDistinct(
  context: RequestContext,
  scope: UsageScope,
  query: {
    firstHour: Instant;
    endHour: Instant;
    cutHours: Instant[];
    windows: readonly QueryWindow[];
    groupBy: string | undefined;
    rawUniqueValues: { windowIndex: number; group: string | null; valueKey: string }[];
  },
): Promise<Map<string, number>> {
  const { rows } = await sql<{ window_number: number; group_value: string | null; distinct_count: number }>`
    select window_number, group_value, count(distinct value_key)::int as distinct_count
    from (
      select
        width_bucket(hour_start, ${query.windows.map((window) => new Date(window.start).toISOString())}::timestamptz[])
          as window_number,
        case when ${query.groupBy ?? null}::text is null then null
          else dimension_key::jsonb ->> ${query.groupBy ?? ""}::text end as group_value,
        value_key
      from usage_unique_values
      where environment_id = ${scope.environmentId} and meter_id = ${scope.meterId}
        and customer_external_id = ${scope.customer}
        and hour_start >= ${new Date(query.firstHour).toISOString()}::timestamptz
        and hour_start < ${new Date(query.endHour).toISOString()}::timestamptz
        and not (hour_start = any(${query.cutHours.map((hour) => new Date(hour).toISOString())}::timestamptz[]))
      union all
      select window_number, group_value, value_key
      from unnest(
        ${query.rawUniqueValues.map((value) => value.windowIndex + 1)}::int[],
        ${query.rawUniqueValues.map((value) => value.group)}::text[],
        ${query.rawUniqueValues.map((value) => value.valueKey)}::text[]) as raw(window_number, group_value, value_key)
    ) as values_in_windows
    group by window_number, group_value`.execute(context.database);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const groupKey = query.groupBy === undefined ? "" : JSON.stringify(row.group_value);
    counts.set(`${row.window_number - 1}|${groupKey}`, row.distinct_count);
  }
  return counts;
}

/** A cell of raw events as a piece of its window: its weighted changes are measured to the cell's end. */
function pieceOfCell(cell: RollupCell, window: QueryWindow): UsagePiece {
  const columns = cell.columns();
  return {
    eventCount: columns.event_count,
    sum: columns.value_sum,
    maximum: columns.value_max,
    latestAt: columns.latest_at?.getTime() ?? null,
    latestValue: columns.latest_value,
    weightedToWindowEnd:
      columns.weighted_change === null || columns.value_sum === null
        ? null
        : new Decimal(columns.weighted_change)
            .plus(new Decimal(columns.value_sum).times(window.end - cell.bucketEnd))
            .toFixed(),
  };
}

/**
 * The whole (uncut) hours of the range, summed per window and dimension key
 * by the database: the answer has a row per window and group, however many
 * hours (or events) there are. A whole hour lies in one window; its weighted
 * changes, measured to the hour's end, are moved to the window's end.
 */
async function sumWholeHours(
  context: RequestContext,
  scope: UsageScope,
  range: { firstHour: Instant; endHour: Instant; cutHours: Instant[]; windows: readonly QueryWindow[] },
): Promise<{ windowIndex: number; dimensionKey: string; piece: UsagePiece }[]> {
  const { rows } = await sql<{
    window_number: number;
    dimension_key: string;
    event_count: number;
    value_sum: string | null;
    value_max: string | null;
    latest_at: Date | null;
    latest_value: string | null;
    weighted_to_window_end: string | null;
  }>`
    select window_number, dimension_key, sum(event_count)::bigint as event_count, sum(value_sum) as value_sum,
      max(value_max) as value_max, max(latest_at) as latest_at,
      (array_agg(latest_value order by latest_at desc nulls last))[1] as latest_value,
      sum(weighted_change + value_sum * (window_end - hour_end)) as weighted_to_window_end
    from (
      select rollup.*, bucket.window_number,
        (${range.windows.map((window) => String(window.end))}::numeric[])[bucket.window_number] as window_end,
        extract(epoch from rollup.hour_start) * 1000 + ${millisecondsPerHour} as hour_end
      from usage_rollups as rollup
      cross join lateral (
        select width_bucket(rollup.hour_start,
          ${range.windows.map((window) => new Date(window.start).toISOString())}::timestamptz[]) as window_number
      ) as bucket
      where rollup.environment_id = ${scope.environmentId} and rollup.meter_id = ${scope.meterId}
        and rollup.customer_external_id = ${scope.customer}
        and rollup.hour_start >= ${new Date(range.firstHour).toISOString()}::timestamptz
        and rollup.hour_start < ${new Date(range.endHour).toISOString()}::timestamptz
        and not (rollup.hour_start = any(${range.cutHours.map((hour) => new Date(hour).toISOString())}::timestamptz[]))
    ) as hour
    group by window_number, dimension_key`.execute(context.database);
  return rows.map((row) => ({
    windowIndex: row.window_number - 1,
    dimensionKey: row.dimension_key,
    piece: {
      eventCount: Number(row.event_count),
      sum: row.value_sum,
      maximum: row.value_max,
      latestAt: row.latest_at?.getTime() ?? null,
      latestValue: row.latest_value,
      weightedToWindowEnd: row.weighted_to_window_end,
    },
  }));
}

function parseQueryInstant(text: string, path: string): Instant {
  const instant = parseInstant(text.replace(/(\.\d{3})\d+/, "$1"));
  if (instant === undefined) {
    throw validationFailed([{ path, message: "must be an RFC 3339 timestamp such as 2026-01-15T00:00:00Z" }]);
  }
  return instant;
}
