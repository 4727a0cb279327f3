// A checksum of every table's rows, for backup round trips: two databases
// with the same checksums hold the same rows in every table.
import { sql } from "kysely";
import type { Database } from "../../src/platform/database/schema.ts";

/** `count:md5` of each table's rows in a fixed order, by table name. */
export async function tableChecksums(database: Database): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
    database,
  );
  const checksums: Record<string, string> = {};
  for (const { table_name: table } of tables.rows) {
    const result = await sql<{ checksum: string; count: number }>`
      select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as checksum, count(*)::int as count
      from ${sql.table(table)} t`.execute(database);
    checksums[table] = `${result.rows[0]?.count}:${result.rows[0]?.checksum}`;
  }
  return checksums;
}
