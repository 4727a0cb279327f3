// The subscriptions that changed in a window of their update cursor (updated_at), as
// plain values: what the warehouse export copies. Read here, by the domain
// that owns the table.
import type { TenantScope } from "../platform/context.ts";
import { type CursorWindow, changedRows, type PlainRow } from "../platform/database/changed-rows.ts";
import type { Database } from "../platform/database/schema.ts";

export function subscriptionWarehouseRows(
  database: Database,
  scope: TenantScope,
  window: CursorWindow,
): Promise<PlainRow[]> {
  return changedRows(database, scope, "subscriptions", "updated_at", window);
}
