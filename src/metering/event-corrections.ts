// Correcting a stored event: amend it (new properties or timestamp) or void
// it, with a reason. The event row takes the new state; its previous state is
// kept in event_revisions, never overwritten. In the same transaction the
// rollup hours the event left and entered are recomputed from their events:
// sums could be adjusted by subtraction, but a maximum, a latest value or a
// set of distinct values cannot, and an hour of one customer is small.
import { sql } from "kysely";
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import { type Instant, parseInstant } from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { findInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, type FieldError, validationFailed } from "../platform/errors.ts";
import type { AmendEventInput, EventDetail, VoidEventInput } from "./event-schemas.ts";
import { queueForEventStore } from "./event-shipping.ts";
import { type EventRow, readEventDetail } from "./event-views.ts";
import { MeterCatalog } from "./meter-catalog.ts";
import type { MeterVersion } from "./meter-definition.ts";
import { describeUnreadable } from "./meter-reading.ts";
import { loadMeterVersions } from "./meter-versions.ts";
import { lockCorrections, lockMeteringShared } from "./metering-locks.ts";
import { eventFutureWindowSeconds } from "./metering-settings.ts";
import { addReadingsToCells, hourStartOf, millisecondsPerHour, RollupCells } from "./rollup-cells.ts";
import { addRollupCells, deleteRollupHours, writeUniqueValues } from "./rollup-store.ts";
import { unstorableTextMessage, unstorableTextPaths } from "./stored-text.ts";
import type { EventProperties } from "./tables.ts";

type EventState = { timestamp: Instant; properties: EventProperties; voided: boolean };

export async function amendEvent(
  context: RequestContext,
  id: string,
  input: AmendEventInput,
): Promise<EventDetail> {
  const errors: FieldError[] = [];
  let timestamp: Instant | undefined;
  if (input.timestamp !== undefined) {
    timestamp = parseInstant(input.timestamp.replace(/(\.\d{3})\d+/, "$1"));
    if (timestamp === undefined) {
      errors.push({
        path: "$.timestamp",
        message: "must be an RFC 3339 timestamp such as 2026-01-15T10:00:00Z",
      });
    } else if (timestamp > context.clock.now().getTime() + eventFutureWindowSeconds * 1000) {
      errors.push({ path: "$.timestamp", message: "is more than 5 minutes in the future" });
    }
  }
  for (const path of unstorableTextPaths(input.properties ?? {}, "$.properties")) {
    errors.push({ path, message: unstorableTextMessage });
  }
  if (input.timestamp === undefined && input.properties === undefined) {
    errors.push({ path: "$", message: "must change timestamp or properties (to cancel the event, void it)" });
  }
  if (errors.length > 0) throw validationFailed(errors);
  return correctEvent(context, id, input.reason, "amended", (current) => ({
    timestamp: timestamp ?? current.timestamp,
    properties: input.properties ?? current.properties,
    voided: false,
  }));
}

export async function voidEvent(
  context: RequestContext,
  id: string,
  input: VoidEventInput,
): Promise<EventDetail> {
  return correctEvent(context, id, input.reason, "voided", (current) => ({ ...current, voided: true }));
}

async function correctEvent(
  context: RequestContext,
  id: string,
  reason: string,
  change: "amended" | "voided",
  nextState: (current: EventState) => EventState,
): Promise<EventDetail> {
  return context.database.transaction().execute(async (transaction) => {
    await lockMeteringShared(transaction, context.environmentId);
    await lockCorrections(transaction, context.environmentId);
    const row = await findInTenant(transaction, context, "events", id, "event", { lock: true });
    if (row.voided_at !== null) {
      throw conflict(
        "event_voided",
        `Event "${id}" was voided at ${row.voided_at.toISOString()}; it cannot change.`,
      );
    }
    const current: EventState = {
      timestamp: row.occurred_at.getTime(),
      properties: row.properties,
      voided: false,
    };
    const next = nextState(current);
    const versions = await loadMeterVersions(transaction, context);
    const catalog = new MeterCatalog(versions);
    const nextEvent = { name: row.name, timestamp: next.timestamp, properties: next.properties };
    if (!next.voided) refuseUnreadable(catalog, nextEvent);
    const before = await readEventDetail(transaction, context, id, catalog);

    const now = context.clock.now();
    await keepRevision(transaction, context, row, change, reason, now);
    await transaction
      .updateTable("events")
      .set({
        occurred_at: new Date(next.timestamp),
        properties: JSON.stringify(next.properties),
        revision: row.revision + 1,
        voided_at: next.voided ? now : null,
      })
      .where("environment_id", "=", context.environmentId)
      .where("id", "=", id)
      .execute();
    if (next.timestamp !== current.timestamp) {
      // The id table notes where the event now is (an amendment may move it to another month's partition).
      await transaction
        .updateTable("event_ids")
        .set({ occurred_at: new Date(next.timestamp) })
        .where("environment_id", "=", context.environmentId)
        .where("id", "=", id)
        .execute();
    }
    await queueForEventStore(transaction, context.database, context, [id], now);

    // The meters that counted the event before, or count it now, in the hours it was and is in.
    const touched = new Map<string, Set<Instant>>();
    const note = (versionsMatched: MeterVersion[], timestamp: Instant) => {
      for (const version of versionsMatched) {
        const hours = touched.get(version.meterId) ?? new Set<Instant>();
        hours.add(hourStartOf(timestamp));
        touched.set(version.meterId, hours);
      }
    };
    note(
      catalog.matchingVersions({
        name: row.name,
        timestamp: current.timestamp,
        properties: current.properties,
      }),
      current.timestamp,
    );
    if (!next.voided) note(catalog.matchingVersions(nextEvent), next.timestamp);
    for (const [meterId, hours] of touched) {
      await recomputeHours(transaction, context, {
        meterVersions: versions.filter((version) => version.meterId === meterId),
        customerExternalId: row.customer_external_id,
        hourStarts: [...hours].sort((left, right) => left - right),
      });
    }

    const after = await readEventDetail(transaction, context, id, catalog);
    await recordAuditEvent(transaction, context, {
      action: `event.${change}`,
      objectType: "event",
      objectId: id,
      before,
      after,
    });
    return after;
  });
}

function refuseUnreadable(
  catalog: MeterCatalog,
  event: { name: string; timestamp: Instant; properties: EventProperties },
) {
  const errors: FieldError[] = [];
  for (const { reader, reading } of catalog.read(event)) {
    if (reading.kind !== "unreadable") continue;
    errors.push({
      path: `$.properties[${JSON.stringify(reading.property)}]`,
      message: describeUnreadable(reading, reader.version.code),
    });
  }
  if (errors.length > 0) throw validationFailed(errors);
}

async function keepRevision(
  transaction: DatabaseTransaction,
  context: RequestContext,
  row: EventRow,
  change: "amended" | "voided",
  reason: string,
  now: Date,
): Promise<void> {
  const actor = context.actor;
  await transaction
    .insertInto("event_revisions")
    .values({
      environment_id: row.environment_id,
      event_id: row.id,
      revision: row.revision,
      organization_id: row.organization_id,
      customer_external_id: row.customer_external_id,
      name: row.name,
      occurred_at: row.occurred_at,
      properties: JSON.stringify(row.properties),
      voided_at: row.voided_at,
      change,
      reason,
      changed_at: now,
      actor_type: actor.type,
      actor_id: describeActor(actor).id,
      request_id: context.requestId ?? null,
    })
    .execute();
}

/** Rebuilds one meter's rollup hours of one customer from the events stored in them. */
async function recomputeHours(
  transaction: DatabaseTransaction,
  scope: TenantScope,
  target: { meterVersions: MeterVersion[]; customerExternalId: string; hourStarts: Instant[] },
): Promise<void> {
  const meterId = target.meterVersions[0]?.meterId;
  if (meterId === undefined) return;
  await deleteRollupHours(transaction, scope, {
    meterId,
    customerExternalId: target.customerExternalId,
    hourStarts: target.hourStarts.map((hour) => new Date(hour)),
  });
  const eventNames = [...new Set(target.meterVersions.map((version) => version.definition.event_name))];
  // Deleted first, then read: an event committed meanwhile is either read here or adds itself after.
  const { rows } = await sql<Pick<EventRow, "customer_external_id" | "name" | "occurred_at" | "properties">>`
    select event.customer_external_id, event.name, event.occurred_at, event.properties
    from unnest(${target.hourStarts.map((hour) => new Date(hour).toISOString())}::timestamptz[]) as hour(start)
    join events as event
      on event.environment_id = ${scope.environmentId}
      and event.customer_external_id = ${target.customerExternalId}
      and event.occurred_at >= hour.start and event.occurred_at < hour.start + interval '1 hour'
    where event.voided_at is null and event.name = any(${eventNames}::text[])
    order by event.occurred_at, event.received_at, event.id`.execute(transaction);
  const catalog = new MeterCatalog(target.meterVersions);
  const cells = new RollupCells();
  for (const [sequence, row] of rows.entries()) {
    const timestamp = row.occurred_at.getTime();
    const hourStart = hourStartOf(timestamp);
    addReadingsToCells(
      cells,
      catalog.read({ name: row.name, timestamp, properties: row.properties }),
      { customerExternalId: row.customer_external_id, timestamp, sequence },
      { start: hourStart, end: hourStart + millisecondsPerHour },
    );
  }
  const sorted = cells.sorted();
  await addRollupCells(transaction, scope, sorted);
  await writeUniqueValues(transaction, scope, sorted);
}
