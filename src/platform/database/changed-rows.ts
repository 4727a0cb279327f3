// The rows of a tenant's table that changed in a window of an update cursor,
// as plain values (timestamps as ISO text, numeric and bigint as decimal
// text, JSON as its text): what a warehouse export copies. The domain that
// owns the table calls this with its own table's name, so that no other
// domain reads it.
import { sql } from "kysely";
import type { TenantScope } from "../context.ts";
import type { Database } from "./schema.ts";

export type PlainValue = string | number | boolean | null;
export type PlainRow = Record<string, PlainValue>;

/** A window of the cursor: after `after` (from the start when null), up to and with `until`. */
export type CursorWindow = { after: Date | null; until: Date };

/** The tenant's rows of `table` whose `cursorColumn` falls in the window, in cursor order. */
export async function changedRows(
  database: Database,
  scope: TenantScope,
  table: string,
  cursorColumn: string,
  window: CursorWindow,
  orderColumns: readonly string[] = ["id"],
): Promise<PlainRow[]> {
  const cursor = sql.ref(cursorColumn);
  const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}
    where organization_id = ${scope.organizationId} and environment_id = ${scope.environmentId}
      and ${cursor} <= ${window.until} ${window.after === null ? sql`` : sql`and ${cursor} > ${window.after}`}
    order by ${sql.join([cursor, ...orderColumns.map((column) => sql.ref(column))])}`.execute(database);
  return result.rows.map(plainRow);
}

/** What a domain exports its table's changed rows with: the tenant's rows whose cursor falls in the window. */
export type WarehouseRowsReader = (
  database: Database,
  scope: TenantScope,
  window: CursorWindow,
) => Promise<PlainRow[]>;

/** The reader of `table`'s changed rows by `cursorColumn`, in cursor then id order, for the domain that owns the table. */
export function warehouseRowsOf(table: string, cursorColumn: string): WarehouseRowsReader {
  return (database, scope, window) => changedRows(database, scope, table, cursorColumn, window);
}

export function plainRow(row: Record<string, unknown>): PlainRow {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [column, plainValue(value)]));
}

function plainValue(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}
