// Usage rollups (per customer, meter, dimension and hour) of the hours that
// ended in a window, as plain values: what the warehouse export copies. An
// hour still open keeps changing, so a window stops at the last whole hour;
// its cursor is the hour's start. Read here, by the domain that owns the table.
import type { TenantScope } from "../platform/context.ts";
import { type CursorWindow, changedRows, type PlainRow } from "../platform/database/changed-rows.ts";
import type { Database } from "../platform/database/schema.ts";

const hour = 60 * 60 * 1000;

export function usageRollupWarehouseRows(
  database: Database,
  scope: TenantScope,
  window: CursorWindow,
): Promise<PlainRow[]> {
  // The hours that ended by `until`: their start is at least an hour before it.
  const lastWholeHourStart = new Date(Math.floor(window.until.getTime() / hour) * hour - hour);
  const after =
    window.after === null ? null : new Date(Math.floor(window.after.getTime() / hour) * hour - hour);
  return changedRows(database, scope, "usage_rollups", "hour_start", { after, until: lastWholeHourStart }, [
    "meter_id",
    "customer_external_id",
    "meter_version",
    "dimension_key",
  ]);
}
