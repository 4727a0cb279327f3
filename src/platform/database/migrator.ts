// Plain SQL migrations, kept by each domain in its own `migrations/` folder and
// applied in the order of their file names (`0100_customers.sql` before
// `0200_events.sql`), each once, each in its own transaction. A PostgreSQL
// advisory lock makes two processes that start together take turns; the
// second finds the work done. A migration already applied whose text has
// changed is refused: the fix is a new migration, never an edited one.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FairbillError } from "../errors.ts";
import type { DatabaseHandle } from "./database.ts";

export type Migration = { name: string; path: string; sql: string; checksum: string };

const sourceRoot = fileURLToPath(new URL("../../", import.meta.url));
// An arbitrary constant shared by every Fairbill process: "fairbill" in ASCII.
const migrationLockKey = 0x66616972;

export function findMigrations(root: string = sourceRoot): Migration[] {
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((relativePath) => /(^|[/\\])migrations[/\\][^/\\]+\.sql$/.test(relativePath))
    .map((relativePath) => join(root, relativePath));
  const migrations = files.map((path) => {
    const sql = readFileSync(path, "utf8");
    return {
      name: basename(path, ".sql"),
      path,
      sql,
      checksum: createHash("sha256").update(sql).digest("hex"),
    };
  });
  migrations.sort((left, right) => left.name.localeCompare(right.name));
  for (let index = 1; index < migrations.length; index++) {
    const previous = migrations[index - 1];
    const current = migrations[index];
    if (previous && current && previous.name === current.name) {
      throw new Error(`Two migrations share the name ${current.name}: ${previous.path} and ${current.path}`);
    }
  }
  return migrations;
}

export type MigrationReport = { applied: string[]; alreadyApplied: number };

export async function migrate(
  handle: DatabaseHandle,
  migrations: Migration[] = findMigrations(),
): Promise<MigrationReport> {
  return handle.withRawConnection(async (connection) => {
    await connection.query("select pg_advisory_lock($1)", [migrationLockKey]);
    try {
      await connection.executeScript(
        `create table if not exists schema_migrations (
           name text primary key,
           checksum text not null,
           applied_at timestamptz not null default now()
         )`,
      );
      const rows = await connection.query<{ name: string; checksum: string }>(
        "select name, checksum from schema_migrations",
      );
      const appliedChecksums = new Map(rows.map((row) => [row.name, row.checksum]));
      const applied: string[] = [];
      for (const migration of migrations) {
        const previousChecksum = appliedChecksums.get(migration.name);
        if (previousChecksum !== undefined) {
          if (previousChecksum !== migration.checksum) {
            throw new FairbillError({
              code: "migration_changed",
              status: 500,
              detail: `Migration ${migration.name} was changed after it was applied; add a new migration instead.`,
            });
          }
          continue;
        }
        await connection.executeScript("begin");
        try {
          await connection.executeScript(migration.sql);
          await connection.query("insert into schema_migrations (name, checksum) values ($1, $2)", [
            migration.name,
            migration.checksum,
          ]);
          await connection.executeScript("commit");
        } catch (error) {
          await connection.executeScript("rollback");
          throw new FairbillError({
            code: "migration_failed",
            status: 500,
            detail: `Migration ${migration.name} failed: ${(error as Error).message}`,
          });
        }
        applied.push(migration.name);
      }
      return { applied, alreadyApplied: appliedChecksums.size };
    } finally {
      await connection.query("select pg_advisory_unlock($1)", [migrationLockKey]);
    }
  });
}
