// Row types of the accounting periods' table, for the typed query builder.
// The table keeps the name it was created with (by finance's first
// migration), when finance owned it.
import type { Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    finance_period_locks: PeriodLockTable;
  }
}

export type PeriodLockTable = TenantRowColumns & {
  period: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  timezone: string;
  locked_at: Timestamp;
  locked_by: string;
  reason: string | null;
  checklist: Json<unknown>;
};
