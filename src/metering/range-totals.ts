// The count, sum and largest value of one meter version's events in a short
// range (the tail of an unfinished hour), by dimension key, summed by
// PostgreSQL rather than read into this process event by event: a tail of
// thousands of events costs one small answer. The events are grouped by the
// properties the version matches and groups on, so the core's own filter and
// dimension functions still decide every group; a value is summed by the
// database only where it is a short JSON number, which the core reads with
// the same digits, and every other event comes back whole, grouped by its
// properties, for the core's reader.
import { sql } from "kysely";
import { Decimal, type Instant, toDecimal, ZERO } from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { MeterVersion } from "./meter-definition.ts";
import { meterReaderOf } from "./meter-reading.ts";
import type { EventProperties } from "./tables.ts";

/** What taking events back out of a window needs: how many, their sum and their largest value. */
export type RangeTotal = { eventCount: number; sum: Decimal | undefined; maximum: Decimal | undefined };

/** Adds events' count, sum and largest value to the total of their dimension key. */
export function addToRangeTotals(
  totals: Map<string, RangeTotal>,
  dimensionKey: string,
  added: RangeTotal,
): void {
  const total = totals.get(dimensionKey) ?? { eventCount: 0, sum: undefined, maximum: undefined };
  total.eventCount += added.eventCount;
  if (added.sum !== undefined) total.sum = (total.sum ?? ZERO).plus(added.sum);
  if (
    added.maximum !== undefined &&
    (total.maximum === undefined || added.maximum.greaterThan(total.maximum))
  ) {
    total.maximum = added.maximum;
  }
  totals.set(dimensionKey, total);
}

/**
 * Totals by dimension key of the events in [from, to) that `version` counts,
 * or undefined when the range is not this version's alone (another version
 * takes effect inside it): the caller then reads the events one by one.
 */
export async function sumEventsInRange(
  context: RequestContext,
  scope: { environmentId: string; customer: string },
  version: MeterVersion,
  range: { from: Instant; to: Instant },
): Promise<Map<string, RangeTotal> | undefined> {
  if (version.effectiveFrom > range.from || version.effectiveUntil < range.to) return undefined;
  const reader = meterReaderOf(version);
  const property = version.definition.property;
  const matchedOn =
    reader.keysMatchedOn.length === 0
      ? sql`'{}'::jsonb`
      : sql.join(
          reader.keysMatchedOn.map(
            (key) => sql`case when event.properties ? ${key}::text
              then jsonb_build_object(${key}::text, event.properties -> ${key}::text) else '{}'::jsonb end`,
          ),
          sql` || `,
        );
  // A count reads no value. Any other aggregation is summed here only from a JSON number of at most 15
  // characters: the double the core parses from it has the same digits, and it lies within the storable bounds.
  const plain =
    property === null
      ? sql`true`
      : sql`(jsonb_typeof(raw_value) = 'number' and length(raw_value::text) <= 15)`;
  const { rows } = await sql<{
    matched_on: EventProperties;
    properties: EventProperties | null;
    event_count: number;
    value_sum: string | null;
    value_max: string | null;
  }>`
    select matched_on, case when plain then null else properties end as properties, count(*)::int as event_count,
      sum(value) as value_sum, max(value) as value_max
    from (
      select properties, matched_on, plain, case when plain then raw_value::text::numeric end as value
      from (
        select properties, matched_on, raw_value, ${plain} as plain
        from (
          select event.properties, ${matchedOn} as matched_on,
            ${property === null ? sql`null::jsonb` : sql`event.properties -> ${property}::text`} as raw_value
          from events as event
          where event.environment_id = ${scope.environmentId}
            and event.customer_external_id = ${scope.customer}
            and event.occurred_at >= ${new Date(range.from).toISOString()}::timestamptz
            and event.occurred_at < ${new Date(range.to).toISOString()}::timestamptz
            and event.voided_at is null and event.name = ${version.definition.event_name}
          offset 0
        ) as event
      ) as event
    ) as event
    group by matched_on, 2`.execute(context.database);

  const totals = new Map<string, RangeTotal>();
  for (const row of rows) {
    if (row.properties === null) {
      const dimensionKey = reader.dimensionKeyIfMatched(row.matched_on);
      if (dimensionKey === undefined) continue;
      addToRangeTotals(totals, dimensionKey, {
        eventCount: row.event_count,
        sum: row.value_sum === null ? undefined : new Decimal(row.value_sum),
        maximum: row.value_max === null ? undefined : new Decimal(row.value_max),
      });
      continue;
    }
    const reading = reader.read(row.properties);
    if (reading.kind !== "matched") continue;
    const numeric = reading.numeric === undefined ? undefined : toDecimal(reading.numeric);
    addToRangeTotals(totals, reading.dimensionKey, {
      eventCount: row.event_count,
      sum: numeric?.times(row.event_count),
      maximum: numeric,
    });
  }
  return totals;
}
