// Plain SQL migrations, kept by each domain in its own `migrations/` folder and
// applied in one global order, the order of their names, which start with the
// UTC time they were written (`20261121025207_customers.sql`; see
// migration-names.ts). The folder a file sits in does not matter: the name is
// the migration's identity, so a file may move to another domain's folder.
//
// Each migration is applied once, in its own transaction. A PostgreSQL
// advisory lock makes two processes that start together take turns; the
// second finds the work done. Inside the lock, rows of a database migrated
// before the names were timestamped are first renamed (migration-renames.ts).
//
// Three things are refused before anything is applied:
// - a file whose name is not `YYYYMMDDHHMMSS_words` (`migration_name_invalid`);
// - an applied migration whose text has changed (`migration_changed`): the
//   fix is a new migration, never an edited one;
// - a pending migration whose name sorts before the newest one the database
//   has applied (`migration_out_of_order`). A fresh database would run it
//   before that one and this database after it; the two must never differ,
//   so such a file is renamed with a later time before it ships.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { FairbillError } from "../errors.ts";
import { applicationRoleScript } from "./application-role.ts";
import type { DatabaseHandle, RawConnection } from "./database.ts";
import { compareMigrationNames, isMigrationName, migrationNameProblem } from "./migration-names.ts";
import { renameOldMigrations } from "./migration-renames.ts";
import { organizationWidePoliciesScript, tenantPoliciesScript } from "./row-level-security.ts";

export type Migration = { name: string; path: string; sql: string; checksum: string };

const sourceRoot = fileURLToPath(new URL("../../", import.meta.url));
const repositoryRoot = join(sourceRoot, "..");
// An arbitrary constant shared by every Fairbill process: "fair" in ASCII.
const migrationLockKey = 0x66616972;

/** Every `*.sql` file in a `migrations/` folder under `root`, in the order they apply. */
export function findMigrations(root: string = sourceRoot): Migration[] {
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((relativePath) => /(^|[/\\])migrations[/\\][^/\\]+\.sql$/.test(relativePath))
    .map((relativePath) => join(root, relativePath));
  return inApplyingOrder(
    files.map((path) => {
      const sql = readFileSync(path, "utf8");
      return {
        name: basename(path, ".sql"),
        path,
        sql,
        checksum: createHash("sha256").update(sql).digest("hex"),
      };
    }),
  );
}

export type MigrationReport = {
  applied: string[];
  alreadyApplied: number;
  /** Rows of `schema_migrations` given their timestamped names: only on the first start after the change. */
  renamed: number;
};

export async function migrate(
  handle: DatabaseHandle,
  migrations: Migration[] = findMigrations(),
): Promise<MigrationReport> {
  const ordered = inApplyingOrder(migrations);
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
      const renamed = await renameOldMigrations(connection);
      const rows = await connection.query<{ name: string; checksum: string }>(
        "select name, checksum from schema_migrations",
      );
      const appliedChecksums = new Map(rows.map((row) => [row.name, row.checksum]));
      refuseChangedMigrations(ordered, appliedChecksums);
      const pending = ordered.filter((migration) => !appliedChecksums.has(migration.name));
      refuseMigrationsOutOfOrder(pending, [...appliedChecksums.keys()], ordered);
      const applied: string[] = [];
      for (const migration of pending) {
        await applyMigration(connection, migration);
        applied.push(migration.name);
      }
      // Every tenant table, new ones too, gets its row-level security policy.
      if (applied.length > 0) await connection.executeScript(tenantPoliciesScript);
      // The role the application's queries run as may use every table, new ones too (each start:
      // a database migrated by an older version gets the role on its first start with this one).
      await connection.executeScript(organizationWidePoliciesScript);
      await connection.executeScript(applicationRoleScript);
      return { applied, alreadyApplied: appliedChecksums.size, renamed };
    } finally {
      await connection.query("select pg_advisory_unlock($1)", [migrationLockKey]);
    }
  });
}

/** The migrations sorted by name, once each name has been checked and found unique. */
function inApplyingOrder(migrations: Migration[]): Migration[] {
  for (const migration of migrations) {
    const problem = migrationNameProblem(migration.name);
    if (problem !== undefined) {
      throw migrationError(
        "migration_name_invalid",
        `Migration ${shownPath(migration)} is misnamed: ${problem}. ` +
          "`npm run migration:new <domain> <words>` writes a new migration with the right name.",
      );
    }
  }
  const ordered = [...migrations].sort((left, right) => compareMigrationNames(left.name, right.name));
  for (let index = 1; index < ordered.length; index++) {
    const previous = ordered[index - 1];
    const current = ordered[index];
    if (previous && current && previous.name === current.name) {
      throw migrationError(
        "migration_name_taken",
        `Two migrations share the name ${current.name}: ${shownPath(previous)} and ${shownPath(current)}.`,
      );
    }
  }
  return ordered;
}

function refuseChangedMigrations(migrations: Migration[], appliedChecksums: Map<string, string>): void {
  for (const migration of migrations) {
    const appliedChecksum = appliedChecksums.get(migration.name);
    if (appliedChecksum !== undefined && appliedChecksum !== migration.checksum) {
      throw migrationError(
        "migration_changed",
        `Migration ${migration.name} was changed after it was applied; add a new migration instead.`,
      );
    }
  }
}

// Only timestamped names count: a database may also list names this version
// does not know (a newer Fairbill's, or an old-style name not in the renames).
function refuseMigrationsOutOfOrder(
  pending: Migration[],
  appliedNames: string[],
  migrations: Migration[],
): void {
  const newestApplied = appliedNames
    .filter(isMigrationName)
    .reduce<string | undefined>(
      (newest, name) => (newest === undefined || compareMigrationNames(name, newest) > 0 ? name : newest),
      undefined,
    );
  if (newestApplied === undefined) return;
  const early = pending.find((migration) => compareMigrationNames(migration.name, newestApplied) < 0);
  if (early === undefined) return;
  const newestFile = migrations.find((migration) => migration.name === newestApplied);
  throw migrationError(
    "migration_out_of_order",
    `Migration ${shownPath(early)} is dated before ${newestFile ? shownPath(newestFile) : `${newestApplied}.sql`}, ` +
      "which this database has already applied: here it would run after that migration, on a new database " +
      `before it. Rename ${basename(early.path)} with a time later than ${newestApplied.slice(0, 14)} ` +
      "(`npm run migration:new` writes the current time) so that every database applies them in the same order.",
  );
}

async function applyMigration(connection: RawConnection, migration: Migration): Promise<void> {
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
    throw migrationError(
      "migration_failed",
      `Migration ${migration.name} failed: ${(error as Error).message}`,
    );
  }
}

/** A migration's file as a reader finds it: relative to the repository when it is inside it. */
function shownPath(migration: Migration): string {
  if (!isAbsolute(migration.path)) return migration.path;
  const inRepository = relative(repositoryRoot, migration.path);
  return inRepository.startsWith("..") ? migration.path : inRepository;
}

function migrationError(code: string, detail: string): FairbillError {
  return new FairbillError({ code, status: 500, detail });
}
