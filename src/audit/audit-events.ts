// Reading the audit log: entries of the caller's environment, filtered by
// object, actor, action and time, newest first, each with the field-level
// changes between its before and after states.
import type { Selectable } from "kysely";
import type { RequestContext } from "../platform/context.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { validationFailed } from "../platform/errors.ts";
import { decodeCursor, encodeCursor } from "../platform/http/pagination.ts";
import { type AuditEventTable, actorOfRow } from "./audit-log.ts";
import type { AuditEvent, AuditEventFilters } from "./audit-schemas.ts";
import { fieldChanges } from "./field-changes.ts";

export type AuditEventPage = { data: AuditEvent[]; next_cursor: string | null };

// The chain's sequence, not the id, orders entries: ids carry the wall clock,
// and two entries written in the same millisecond must still keep their order.
export async function listAuditEvents(
  context: RequestContext,
  filters: AuditEventFilters,
  page: { limit: number; cursor: string | undefined },
): Promise<AuditEventPage> {
  const beforeSequence = sequenceOfCursor(page.cursor);
  let query = selectInTenant(context.database, context, "audit_events")
    .orderBy("sequence", "desc")
    .limit(page.limit + 1);
  if (beforeSequence !== undefined) query = query.where("sequence", "<", beforeSequence);
  if (filters.object_type !== undefined) query = query.where("object_type", "=", filters.object_type);
  if (filters.object_id !== undefined) query = query.where("object_id", "=", filters.object_id);
  if (filters.actor_id !== undefined) query = query.where("actor_id", "=", filters.actor_id);
  if (filters.person_id !== undefined) query = query.where("actor_person_id", "=", filters.person_id);
  if (filters.action !== undefined) query = query.where("action", "=", filters.action);
  if (filters.occurred_after !== undefined)
    query = query.where("occurred_at", ">=", new Date(filters.occurred_after));
  if (filters.occurred_before !== undefined)
    query = query.where("occurred_at", "<", new Date(filters.occurred_before));
  const rows = await query.execute();
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(presentAuditEvent),
    next_cursor: rows.length > page.limit && last ? encodeCursor(String(last.sequence)) : null,
  };
}

function sequenceOfCursor(cursor: string | undefined): number | undefined {
  const decoded = decodeCursor(cursor);
  if (decoded === undefined) return undefined;
  if (!/^[1-9][0-9]{0,15}$/.test(decoded)) {
    throw validationFailed([{ path: "query.cursor", message: "is not a cursor this API returned" }]);
  }
  return Number(decoded);
}

function presentAuditEvent(row: Selectable<AuditEventTable>): AuditEvent {
  const before = (row.before as Record<string, unknown> | null) ?? null;
  const after = (row.after as Record<string, unknown> | null) ?? null;
  return {
    id: row.id,
    sequence: Number(row.sequence),
    occurred_at: new Date(row.occurred_at).toISOString(),
    actor: actorOfRow(row),
    action: row.action,
    object_type: row.object_type,
    object_id: row.object_id,
    before,
    after,
    changes: fieldChanges(before, after),
    reason: row.reason,
    request_id: row.request_id,
    previous_hash: row.previous_hash,
    hash: row.hash,
  };
}
