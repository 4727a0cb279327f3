// The event explorer: raw events newest first with the meters each one
// matched, one event with its revisions, and the events of customer external
// ids that no customer has, so that they can be fixed (create the customer,
// or amend the events). With a ClickHouse event store, lists of raw events are
// read there; one event with its revisions is read from PostgreSQL.
import { sql } from "kysely";
import { parseInstant } from "../core/index.ts";
import { customerReferencesByExternalIds } from "../customers/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { validationFailed } from "../platform/errors.ts";
import { decodeCursor, encodeCursor } from "../platform/http/pagination.ts";
import { eventsOfCustomers, explorerEvents } from "./clickhouse-events.ts";
import { archivedBefore } from "./event-retention.ts";
import type { EventDetail, EventListFilters, EventPage, UnattributedCustomer } from "./event-schemas.ts";
import { catchUpEventStore } from "./event-shipping.ts";
import { type EventRow, presentEvent, readEventDetail } from "./event-views.ts";
import { MeterCatalog } from "./meter-catalog.ts";
import { loadMeterVersions } from "./meter-versions.ts";
import { eventFutureWindowSeconds } from "./metering-settings.ts";

type Page<Item> = { data: Item[]; next_cursor: string | null };

const eventsPerUnattributedCustomer = 10;
/** External ids named by events that one look-up of customers checks at a time. */
const externalIdsPerScan = 1_000;

export async function listEvents(context: RequestContext, filters: EventListFilters): Promise<EventPage> {
  const limit = filters.limit ?? 20;
  const from = optionalInstant(filters.from, "query.from");
  const to = optionalInstant(filters.to, "query.to");
  const after = decodeEventCursor(filters.cursor);
  const query = (lowerBound: number | undefined) => {
    let built = selectInTenant(context.database, context, "events")
      .orderBy("occurred_at", "desc")
      .orderBy("id", "desc")
      .limit(limit + 1);
    if (filters.customer !== undefined) built = built.where("customer_external_id", "=", filters.customer);
    if (filters.name !== undefined) built = built.where("name", "=", filters.name);
    if (lowerBound !== undefined) built = built.where("occurred_at", ">=", new Date(lowerBound));
    if (to !== undefined) built = built.where("occurred_at", "<", new Date(to));
    if (after !== undefined) {
      built = built.where(
        sql<boolean>`(occurred_at, id) < (${new Date(after.occurredAt).toISOString()}::timestamptz, ${after.id})`,
      );
    }
    return built.execute();
  };
  const clickHouse = await catchUpEventStore(context.database, context.environmentId);
  let rows: EventRow[];
  if (clickHouse !== undefined) {
    rows = await explorerEvents(clickHouse, context.environmentId, {
      customer: filters.customer,
      name: filters.name,
      from,
      to,
      before: after,
      limit: limit + 1,
    });
  } else if (filters.customer !== undefined) {
    // The (environment, customer, time) index gives a customer's events newest first directly.
    rows = await query(from);
  } else {
    rows = await newestAcrossCustomers(query, {
      from,
      newest: Math.min(
        to ?? Number.POSITIVE_INFINITY,
        after === undefined ? Number.POSITIVE_INFINITY : after.occurredAt + 1,
        context.clock.now().getTime() + eventFutureWindowSeconds * 1000 + 1,
      ),
      wanted: limit + 1,
    });
  }
  const catalog = new MeterCatalog(await loadMeterVersions(context.database, context));
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  // ClickHouse keeps every event; PostgreSQL's of archived months are in files.
  const archived = clickHouse === undefined ? await archivedBefore(context.database, context) : undefined;
  return {
    data: pageRows.map((row) => presentEvent(row, catalog)),
    next_cursor:
      rows.length > limit && last ? encodeCursor(`${last.occurred_at.getTime()}:${last.id}`) : null,
    archived_before: archived?.toISOString() ?? null,
  };
}

/**
 * Without a customer, events are found through a BRIN index on their
 * timestamp, which narrows a scan to the blocks of a time range but gives no
 * order. So the newest events are looked for in growing ranges back from the
 * newest possible instant: the last hour, day, week, five weeks, then all.
 * A range that holds enough events holds the newest ones; in a busy
 * environment the first range does.
 */
async function newestAcrossCustomers(
  query: (lowerBound: number | undefined) => Promise<EventRow[]>,
  range: { from: number | undefined; newest: number; wanted: number },
): Promise<EventRow[]> {
  for (const span of searchSpans) {
    const lowerBound = Number.isFinite(range.newest) ? range.newest - span : undefined;
    if (lowerBound === undefined || (range.from !== undefined && lowerBound <= range.from)) break;
    const rows = await query(lowerBound);
    if (rows.length >= range.wanted) return rows;
  }
  return query(range.from);
}

const searchSpans = [3_600_000, 86_400_000, 7 * 86_400_000, 35 * 86_400_000];

export async function getEvent(context: RequestContext, id: string): Promise<EventDetail> {
  const catalog = new MeterCatalog(await loadMeterVersions(context.database, context));
  return readEventDetail(context.database, context, id, catalog);
}

/**
 * Customer external ids that events named but no customer has, in external id
 * order, each with its event count, time span and newest events. Such events
 * are kept and counted under the external id; creating a customer with it
 * attributes them, since usage is looked up by external id.
 */
export async function listUnattributedCustomers(
  context: RequestContext,
  page: { limit: number; cursor: string | undefined },
): Promise<Page<UnattributedCustomer>> {
  const after = decodeCursor(page.cursor);
  const unknownCustomers = await unattributedExternalIds(context, after, page.limit + 1);
  const pageCustomers = unknownCustomers.slice(0, page.limit);
  if (pageCustomers.length === 0) return { data: [], next_cursor: null };

  const { totals, newest } = await totalsAndNewestEvents(context, pageCustomers);
  const catalog = new MeterCatalog(await loadMeterVersions(context.database, context));
  const totalsByCustomer = new Map(totals.map((total) => [total.customer, total]));
  const data: UnattributedCustomer[] = [];
  for (const customer of pageCustomers) {
    const total = totalsByCustomer.get(customer);
    if (total === undefined) continue;
    data.push({
      customer,
      event_count: total.event_count,
      first_timestamp: total.first.toISOString(),
      last_timestamp: total.last.toISOString(),
      events: newest
        .filter((row) => row.customer_external_id === customer)
        .map((row) => presentEvent(row, catalog)),
    });
  }
  const last = pageCustomers.at(-1);
  return {
    data,
    next_cursor: unknownCustomers.length > page.limit && last !== undefined ? encodeCursor(last) : null,
  };
}

/** Per customer external id: its event count and time span, and its newest events. */
async function totalsAndNewestEvents(
  context: RequestContext,
  customers: string[],
): Promise<{
  totals: { customer: string; event_count: number; first: Date; last: Date }[];
  newest: EventRow[];
}> {
  const clickHouse = await catchUpEventStore(context.database, context.environmentId);
  if (clickHouse !== undefined) {
    return eventsOfCustomers(clickHouse, context.environmentId, customers, eventsPerUnattributedCustomer);
  }
  const { rows: totals } = await sql<{ customer: string; event_count: number; first: Date; last: Date }>`
    select customer_external_id as customer, count(*)::int as event_count,
      min(occurred_at) as first, max(occurred_at) as last
    from events
    where environment_id = ${context.environmentId} and customer_external_id = any(${customers}::text[])
    group by customer_external_id`.execute(context.database);
  const { rows: newest } = await sql<EventRow>`
    select newest.*
    from unnest(${customers}::text[]) as customer(external_id)
    cross join lateral (
      select * from events
      where environment_id = ${context.environmentId} and customer_external_id = customer.external_id
      order by occurred_at desc, id desc
      limit ${eventsPerUnattributedCustomer}) as newest`.execute(context.database);

  return { totals, newest };
}

/**
 * Up to `wanted` external ids that events named and no customer has, after
 * `after`, in external id order. The customers domain says which ids it knows,
 * a batch of named ids at a time, so a page costs one read of each side per
 * batch scanned, however many events there are.
 */
async function unattributedExternalIds(
  context: RequestContext,
  after: string | undefined,
  wanted: number,
): Promise<string[]> {
  const batchSize = Math.max(wanted, externalIdsPerScan);
  const unknown: string[] = [];
  let scannedTo = after;
  for (;;) {
    let query = context.database
      .selectFrom("event_customers")
      .select("customer_external_id")
      .where("environment_id", "=", context.environmentId)
      .orderBy("customer_external_id")
      .limit(batchSize);
    if (scannedTo !== undefined) query = query.where("customer_external_id", ">", scannedTo);
    const named = (await query.execute()).map((row) => row.customer_external_id);
    const known = new Set(
      (await customerReferencesByExternalIds(context.database, context, named)).map(
        (customer) => customer.externalId,
      ),
    );
    for (const externalId of named) {
      if (!known.has(externalId)) unknown.push(externalId);
      if (unknown.length === wanted) return unknown;
    }
    scannedTo = named.at(-1);
    if (named.length < batchSize || scannedTo === undefined) return unknown;
  }
}

function optionalInstant(text: string | undefined, path: string): number | undefined {
  if (text === undefined) return undefined;
  const instant = parseInstant(text);
  if (instant === undefined) {
    throw validationFailed([{ path, message: "must be an RFC 3339 timestamp such as 2026-01-15T00:00:00Z" }]);
  }
  return instant;
}

function decodeEventCursor(cursor: string | undefined): { occurredAt: number; id: string } | undefined {
  const decoded = decodeCursor(cursor);
  if (decoded === undefined) return undefined;
  const separator = decoded.indexOf(":");
  const occurredAt = Number(decoded.slice(0, separator));
  if (separator < 1 || !Number.isSafeInteger(occurredAt)) {
    throw validationFailed([{ path: "query.cursor", message: "is not a cursor this API returned" }]);
  }
  return { occurredAt, id: decoded.slice(separator + 1) };
}
