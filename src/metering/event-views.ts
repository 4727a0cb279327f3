// Stored events as the API shows them, with the meter versions that count them.
import type { Selectable } from "kysely";
import type { TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import type { EventDetail, EventView } from "./event-schemas.ts";
import type { MeterCatalog } from "./meter-catalog.ts";
import type { EventRevisionTable, EventTable } from "./tables.ts";

export type EventRow = Selectable<EventTable>;

export function presentEvent(row: EventRow, catalog: MeterCatalog): EventView {
  const timestamp = row.occurred_at.getTime();
  const matched =
    row.voided_at === null
      ? catalog.matchingVersions({ name: row.name, timestamp, properties: row.properties })
      : [];
  return {
    ...storedEventFields(row),
    matched_meters: matched.map((version) => ({ code: version.code, version: version.version })),
  };
}

/**
 * A stored event's fields as the API shows them: those of the ingestion API,
 * and what the database added. The event view and the archive's lines both
 * hold them.
 */
export function storedEventFields(row: Omit<EventRow, "environment_id" | "organization_id">) {
  return {
    id: row.id,
    customer: row.customer_external_id,
    name: row.name,
    timestamp: row.occurred_at.toISOString(),
    properties: row.properties,
    received_at: row.received_at.toISOString(),
    revision: row.revision,
    voided_at: row.voided_at?.toISOString() ?? null,
  };
}

/** An event with its previous states, oldest first. */
export async function readEventDetail(
  database: Database | DatabaseTransaction,
  scope: TenantScope,
  id: string,
  catalog: MeterCatalog,
): Promise<EventDetail> {
  const row = await findInTenant(database, scope, "events", id, "event");
  const revisions = await selectInTenant(database, scope, "event_revisions")
    .where("event_id", "=", id)
    .orderBy("revision")
    .execute();
  return { ...presentEvent(row, catalog), revisions: revisions.map(presentRevision) };
}

function presentRevision(row: Selectable<EventRevisionTable>): EventDetail["revisions"][number] {
  return {
    revision: row.revision,
    customer: row.customer_external_id,
    name: row.name,
    timestamp: row.occurred_at.toISOString(),
    properties: row.properties,
    voided_at: row.voided_at?.toISOString() ?? null,
    change: row.change,
    reason: row.reason,
    changed_at: row.changed_at.toISOString(),
    actor: { type: row.actor_type, id: row.actor_id },
    request_id: row.request_id,
  };
}
