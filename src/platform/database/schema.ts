// The typed shape of Fairbill's database for Kysely. Each domain adds its own
// tables by augmenting this interface from its own folder:
//
//   declare module "../platform/database/schema.ts" {
//     interface DatabaseSchema { customers: CustomerTable }
//   }
//
// so that the tables a domain owns are declared beside its SQL migrations.
import type { ColumnType, Kysely, Transaction } from "kysely";

// biome-ignore lint/suspicious/noEmptyInterface: filled in by each domain through declaration merging.
export interface DatabaseSchema {}

export type Database = Kysely<DatabaseSchema>;
export type DatabaseTransaction = Transaction<DatabaseSchema>;

/** A column with a database default: optional on insert, never updated by the application. */
export type Generated<Type> = ColumnType<Type, Type | undefined, never>;
/** A timestamp column: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp column with a database default (`now()`): optional on insert. */
export type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column holding a value of the given shape. */
export type Json<Shape> = ColumnType<Shape, string, string>;
/** The columns every tenant's row opens with: its prefixed id, its organization and its environment (newTenantRow fills them). */
export type TenantRowColumns = { id: string; organization_id: string; environment_id: string };
/** Who asked for a queued run and why, and when it was asked for, started, finished and last changed: a backtest's, an import's, a parallel run's. */
export type QueuedRunColumns = {
  created_by: string;
  reason: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  updated_at: DefaultedTimestamp;
};
