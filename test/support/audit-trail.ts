// The audit log of one object, read straight from the table a test checks:
// what happened to it and why, in the order it happened.
import type { Database } from "../../src/platform/database/schema.ts";

export type AuditStep = { action: string; reason: string | null };

/** Every audit entry about `objectId`, oldest first, as its action and reason. */
export function auditTrailOf(database: Database, objectId: string): Promise<AuditStep[]> {
  return database
    .selectFrom("audit_events")
    .select(["action", "reason"])
    .where("object_id", "=", objectId)
    .orderBy("sequence")
    .execute();
}
