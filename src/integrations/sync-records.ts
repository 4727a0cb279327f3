// The sync log: one record per object and connection, with the object's id
// in the other system once it is there and the state of its sync. A record
// that failed is in the error queue until a person retries it (a job syncs
// its invoice's family, or its journal month, again) or skips it. Recording a
// failure publishes integration.sync_failed in the same transaction.
import type { Selectable } from "kysely";
import { recordAuditEvent } from "../audit/index.ts";
import { publishEvent } from "../notifications/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { PageRequest } from "../platform/database/list-pages.ts";
import { newestFirstPage } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { newTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import type { SyncListFilters, SyncView } from "./integration-schemas.ts";
import { syncFailed } from "./integration-webhook-events.ts";
import type { IntegrationSyncTable, SyncObjectType, SyncSourceType } from "./tables.ts";

export type SyncRow = Selectable<IntegrationSyncTable>;

export type SyncObject = {
  connectionId: string;
  objectType: SyncObjectType;
  objectId: string;
  sourceType: SyncSourceType;
  sourceId: string;
};

/** The object's record, made pending when it has none. */
export async function ensureSyncRecord(
  database: Database,
  scope: TenantScope,
  object: SyncObject,
  now: Date,
): Promise<SyncRow> {
  await database
    .insertInto("integration_syncs")
    .values({
      ...newTenantRow(scope, "integrationSync", now),
      connection_id: object.connectionId,
      object_type: object.objectType,
      object_id: object.objectId,
      source_type: object.sourceType,
      source_id: object.sourceId,
      state: "pending",
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflicting) =>
      conflicting.columns(["connection_id", "object_type", "object_id"]).doNothing(),
    )
    .execute();
  return selectInTenant(database, scope, "integration_syncs")
    .where("connection_id", "=", object.connectionId)
    .where("object_type", "=", object.objectType)
    .where("object_id", "=", object.objectId)
    .executeTakeFirstOrThrow();
}

export async function markSynced(
  database: Database,
  record: SyncRow,
  externalId: string,
  attempts: number,
  now: Date,
): Promise<void> {
  await database
    .updateTable("integration_syncs")
    .set({
      state: "synced",
      external_id: externalId,
      attempts: record.attempts + attempts,
      last_error_code: null,
      last_error: null,
      synced_at: now,
      failed_at: null,
      updated_at: now,
    })
    .where("id", "=", record.id)
    .execute();
}

/** The record goes to the error queue, and integration.sync_failed tells the webhook endpoints. */
export async function markFailed(
  context: RequestContext,
  record: SyncRow,
  failure: { code: string; message: string },
  attempts: number,
): Promise<void> {
  const now = context.clock.now();
  await context.database.transaction().execute(async (transaction) => {
    const failed = await updateTenantRow(transaction, context, "integration_syncs", record.id, {
      state: "failed",
      attempts: record.attempts + attempts,
      last_error_code: failure.code,
      last_error: failure.message.slice(0, 2000),
      failed_at: now,
      updated_at: now,
    });
    await publishEvent(transaction, context, syncFailed, presentSync(failed));
  });
}

async function findSync(database: Database, scope: TenantScope, id: string): Promise<SyncRow> {
  return findInTenant(database, scope, "integration_syncs", id, "integration sync");
}

export async function getSync(context: RequestContext, id: string): Promise<SyncView> {
  return presentSync(await findSync(context.database, context, id));
}

export function listSyncs(
  context: RequestContext,
  filters: SyncListFilters,
  page: PageRequest,
): Promise<SyncRow[]> {
  let query = selectInTenant(context.database, context, "integration_syncs");
  if (filters.connection_id !== undefined) query = query.where("connection_id", "=", filters.connection_id);
  if (filters.state !== undefined) query = query.where("state", "=", filters.state);
  if (filters.object_type !== undefined) query = query.where("object_type", "=", filters.object_type);
  if (filters.object_id !== undefined) query = query.where("object_id", "=", filters.object_id);
  return newestFirstPage(query, page).execute();
}

/**
 * Takes a failed (or skipped) record out of the error queue, pending again;
 * `queueSync` queues its sync in the same transaction.
 */
export async function reopenSync(
  context: RequestContext,
  id: string,
  queueSync: (transaction: Database, row: SyncRow) => Promise<unknown>,
): Promise<SyncRow> {
  return changeState(context, id, ["failed", "skipped"], "pending", "integration_sync.retried", queueSync);
}

/** Leaves a failed record alone for good: it is no longer in the error queue. */
export async function skipSync(context: RequestContext, id: string): Promise<SyncView> {
  return presentSync(
    await changeState(context, id, ["failed", "pending"], "skipped", "integration_sync.skipped"),
  );
}

async function changeState(
  context: RequestContext,
  id: string,
  from: readonly SyncRow["state"][],
  to: SyncRow["state"],
  action: string,
  alsoDo?: (transaction: Database, row: SyncRow) => Promise<unknown>,
): Promise<SyncRow> {
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const row = await findSync(transaction, context, id);
    if (!from.includes(row.state)) {
      throw conflict(
        "sync_state_conflict",
        `Integration sync ${id} is ${row.state}; only a ${from.join(" or ")} one can be ${to === "skipped" ? "skipped" : "retried"}.`,
      );
    }
    const changed = await updateTenantRow(transaction, context, "integration_syncs", id, {
      state: to,
      updated_at: now,
    });
    await recordAuditEvent(transaction, context, {
      action,
      objectType: "integration_sync",
      objectId: id,
      before: { state: row.state },
      after: { state: to },
    });
    await alsoDo?.(transaction, changed);
    return changed;
  });
}

export function presentSync(row: SyncRow): SyncView {
  return {
    id: row.id,
    connection_id: row.connection_id,
    object_type: row.object_type,
    object_id: row.object_id,
    state: row.state,
    external_id: row.external_id,
    attempts: row.attempts,
    last_error_code: row.last_error_code,
    last_error: row.last_error,
    synced_at: row.synced_at?.toISOString() ?? null,
    failed_at: row.failed_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
