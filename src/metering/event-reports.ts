// What finance reads of stored usage for its reports, as plain data: a
// month's events (counted, their customers, then page by page for usage
// reconciliation) and a customer's counted events per accounting month (the
// weights that split a usage line spanning months); and whether any event
// was ever sent under a customer external id. Only metering queries
// its own tables; nothing here writes. With a ClickHouse event store, the
// month's raw events are read there (after shipping what was waiting).
import { sql } from "kysely";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { countEventsBetween, customersWithEventsBetween, eventPageBetween } from "./clickhouse-events.ts";
import { catchUpEventStore } from "./event-shipping.ts";
import type { EventProperties } from "./tables.ts";

/** A stored event as reconciliation follows it. */
export type StoredEvent = {
  id: string;
  customer_external_id: string;
  name: string;
  occurred_at: Date;
  received_at: Date;
  properties: EventProperties;
  voided_at: Date | null;
};

type Range = { start: Date; end: Date };

function eventsBetween(database: Database, scope: TenantScope, range: Range) {
  return database
    .selectFrom("events")
    .where(inTenant(scope))
    .where("occurred_at", ">=", range.start)
    .where("occurred_at", "<", range.end);
}

/**
 * Whether any event was ever stored under this customer external id (voided,
 * archived or not): usage is billed by the external id the events name.
 */
export async function eventsSentUnder(
  database: Database,
  scope: TenantScope,
  customerExternalId: string,
): Promise<boolean> {
  const seen = await database
    .selectFrom("event_customers")
    .select("customer_external_id")
    .where(inTenant(scope))
    .where("customer_external_id", "=", customerExternalId)
    .executeTakeFirst();
  return seen !== undefined;
}

/** How many events occurred in [start, end), and how many of those were voided since. */
export async function eventCountsBetween(
  database: Database,
  scope: TenantScope,
  range: Range,
): Promise<{ all: number; voided: number }> {
  const clickHouse = await catchUpEventStore(database, scope.environmentId);
  if (clickHouse !== undefined) return countEventsBetween(clickHouse, scope.environmentId, range);
  const counts = await eventsBetween(database, scope, range)
    .select((eb) => [eb.fn.countAll<string>().as("all"), eb.fn.count<string>("voided_at").as("voided")])
    .executeTakeFirstOrThrow();
  return { all: Number(counts.all), voided: Number(counts.voided) };
}

/** Every customer external id that an event occurred in [start, end) names. */
export async function customerExternalIdsWithEventsBetween(
  database: Database,
  scope: TenantScope,
  range: Range,
): Promise<string[]> {
  const clickHouse = await catchUpEventStore(database, scope.environmentId);
  if (clickHouse !== undefined) return customersWithEventsBetween(clickHouse, scope.environmentId, range);
  const rows = await eventsBetween(database, scope, range)
    .select("customer_external_id")
    .distinct()
    .execute();
  return rows.map((row) => row.customer_external_id);
}

/** The events that occurred in [start, end) (voided ones too), by occurrence then id, a page at a time. */
export async function* eventPagesBetween(
  database: Database,
  scope: TenantScope,
  range: Range,
  pageSize: number,
): AsyncGenerator<StoredEvent[]> {
  const clickHouse = await catchUpEventStore(database, scope.environmentId);
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    if (clickHouse !== undefined) {
      const page = await eventPageBetween(clickHouse, scope.environmentId, range, after, pageSize);
      yield page;
      const last = page.at(-1);
      if (last === undefined || page.length < pageSize) return;
      after = { at: last.occurred_at, id: last.id };
      continue;
    }
    let query = eventsBetween(database, scope, range).select([
      "id",
      "customer_external_id",
      "name",
      "occurred_at",
      "received_at",
      "properties",
      "voided_at",
    ]);
    if (after !== undefined) {
      const last = after;
      query = query.where((eb) =>
        eb.or([
          eb("occurred_at", ">", last.at),
          eb.and([eb("occurred_at", "=", last.at), eb("id", ">", last.id)]),
        ]),
      );
    }
    const page = await query.orderBy("occurred_at").orderBy("id").limit(pageSize).execute();
    yield page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    after = { at: last.occurred_at, id: last.id };
  }
}

/**
 * The events a meter counted for a customer in each month of [start, end)
 * in `timeZone` (`YYYY-MM` → a count as a decimal string), from the hourly
 * rollups.
 */
export async function countedEventsPerMonth(
  database: Database,
  scope: TenantScope,
  input: { customerExternalId: string; meter: string; start: Date; end: Date; timeZone: string },
): Promise<Map<string, string>> {
  const rows = await database
    .selectFrom("usage_rollups")
    .innerJoin("meters", "meters.id", "usage_rollups.meter_id")
    .select([
      sql<string>`to_char(usage_rollups.hour_start at time zone ${input.timeZone}, 'YYYY-MM')`.as("period"),
      sql<string>`sum(usage_rollups.event_count)::text`.as("events"),
    ])
    .where(inTenant(scope, "usage_rollups"))
    .where("meters.code", "=", input.meter)
    .where("usage_rollups.customer_external_id", "=", input.customerExternalId)
    .where("usage_rollups.hour_start", ">=", input.start)
    .where("usage_rollups.hour_start", "<", input.end)
    .groupBy("period")
    .execute();
  return new Map(rows.map((row) => [row.period, row.events]));
}
