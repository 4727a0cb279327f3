// Row types of the plan migrations' table, for the typed query builder.
import type { DefaultedTimestamp, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";
import type { MigrationTiming } from "../subscriptions/index.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    plan_version_migrations: PlanVersionMigrationTable;
  }
}

export type PlanVersionMigrationTable = TenantRowColumns & {
  plan_id: string;
  from_version_id: string;
  to_version_id: string;
  /** revert: the migration takes back `reverts_migration_id`. */
  timing: MigrationTiming | "revert";
  reverts_migration_id: string | null;
  requested_at: Timestamp | null;
  subscription_count: number;
  created_by: string;
  reason: string | null;
  created_at: DefaultedTimestamp;
};
