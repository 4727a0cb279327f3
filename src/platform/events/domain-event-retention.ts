// Domain events are kept for a week after they were recorded, like the jobs
// that delivered them: long enough to look into a failed delivery, short
// enough that an event per ingested batch does not grow the database forever.
import type { Database } from "../database/schema.ts";
import "./tables.ts";

/** Deletes events recorded before `before` (their receipts go with them). Returns how many. */
export async function purgeDomainEvents(database: Database, before: Date): Promise<number> {
  const result = await database
    .deleteFrom("domain_events")
    .where("recorded_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
