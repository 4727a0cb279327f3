// A fresh, migrated database for one test file, on the engine the test
// project names: PGlite in memory, or a new schema on the PostgreSQL server
// (dropped again on close). Tests never share data with each other's files.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import {
  type DatabaseHandle,
  type DatabaseLocation,
  openDatabase,
  openEmbeddedDatabaseFromArchive,
  restoreEmbeddedDatabase,
} from "../../src/platform/database/database.ts";
import { findMigrations, migrate } from "../../src/platform/database/migrator.ts";

export const testDatabaseKind = process.env.FAIRBILL_TEST_DATABASE === "postgres" ? "postgres" : "pglite";
export const testPostgresUrl =
  process.env.FAIRBILL_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (testDatabaseKind === "pglite") {
    const handle = await openEmbeddedDatabaseFromArchive(await migratedEmbeddedArchive());
    // Nothing to apply: the archive holds every migration (its name is their checksum).
    await migrate(handle);
    return handle;
  }
  // A copy of a migrated template database: copying takes a fraction of a
  // second where running every migration on an empty schema takes seconds.
  const database = `fairbill_test_${randomBytes(6).toString("hex")}`;
  await runOnServer(`create database ${database} template ${await migratedTemplateDatabase()}`);
  const handle = await openDatabase({ kind: "postgres", connectionString: databaseUrl(database) });
  // Nothing to apply: the template holds every migration (its name is their checksum).
  await migrate(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await runOnServer(`drop database if exists ${database} with (force)`);
    },
  };
}

function databaseUrl(database: string): string {
  const url = new URL(testPostgresUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A short checksum of every migration's name and content: a new or changed migration changes it. */
function migrationsChecksum(): string {
  return createHash("sha256")
    .update(
      findMigrations()
        .map((migration) => `${migration.name} ${migration.checksum}`)
        .join("\n"),
    )
    .digest("hex")
    .slice(0, 16);
}

/**
 * The name of a database on the PostgreSQL server with every migration
 * applied, which each test file's database is copied from. The first worker
 * to need it builds it under a name of its own and renames it into place; a
 * worker that loses that race drops its copy and uses the winner's.
 */
async function migratedTemplateDatabase(): Promise<string> {
  const template = `fairbill_template_${migrationsChecksum()}`;
  if (await databaseExists(template)) return template;
  const building = `fairbill_building_${randomBytes(6).toString("hex")}`;
  await runOnServer(`create database ${building}`);
  try {
    const handle = await openDatabase({ kind: "postgres", connectionString: databaseUrl(building) });
    try {
      await migrate(handle);
    } finally {
      await handle.close();
    }
    await runOnServer(`alter database ${building} rename to ${template}`);
  } catch (error) {
    await runOnServer(`drop database if exists ${building} with (force)`);
    if (!(await databaseExists(template))) throw error;
  }
  return template;
}

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    const result = await client.query("select 1 from pg_database where datname = $1", [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

const archiveFolder = join(
  dirname(dirname(dirname(fileURLToPath(import.meta.url)))),
  ".tmp",
  "test-databases",
);

/**
 * An embedded database with every migration applied, as an archive that each
 * test file's database is opened from. A new PGlite runs initdb, which takes
 * seconds (five under a loaded machine); opening a copy of a migrated one takes
 * about a second, across the 200-odd test files that open one. The archive's
 * name carries the migrations' checksums, so a new or changed migration makes
 * a new one; a worker that finds none makes it and moves it into place whole.
 */
async function migratedEmbeddedArchive(): Promise<Blob> {
  const archivePath = join(archiveFolder, `migrated-${migrationsChecksum()}.tar.gz`);
  if (!existsSync(archivePath)) {
    const handle = await openDatabase({ kind: "pglite", dataDirectory: "memory" });
    try {
      await migrate(handle);
      const archive = await handle.dumpDataDirectory?.();
      if (!archive) throw new Error("the embedded database gave no archive of itself");
      mkdirSync(archiveFolder, { recursive: true });
      const partialPath = `${archivePath}.${process.pid}-${randomBytes(4).toString("hex")}`;
      writeFileSync(partialPath, Buffer.from(await archive.arrayBuffer()));
      renameSync(partialPath, archivePath);
    } finally {
      await handle.close();
    }
  }
  return new Blob([readFileSync(archivePath)]);
}

/**
 * Fills an empty folder with a migrated embedded database, from the archive
 * test files open theirs from: a test that runs \`fairbill\` commands on a data
 * folder (FAIRBILL_DATA_DIR) spares the first one initdb and every migration.
 */
export async function restoreMigratedDataDirectory(dataDirectory: string): Promise<void> {
  await restoreEmbeddedDatabase(dataDirectory, await migratedEmbeddedArchive());
}

/** A database of its own that a child process (`fairbill serve`, a worker) opens by its environment. */
export type SeparateDatabase = {
  location: DatabaseLocation;
  /** What the child's environment must hold to open it: FAIRBILL_DATA_DIR or DATABASE_URL. */
  childEnvironment: Record<string, string>;
  remove(): Promise<void>;
};

/**
 * A new database on the engine the test project names, shared with child
 * processes: a PGlite folder on disk, or a new database on the PostgreSQL
 * server (a schema would not do: a child opens it by URL). `name` goes into
 * the folder's or the database's name.
 */
export async function createSeparateDatabase(name: string): Promise<SeparateDatabase> {
  if (testDatabaseKind === "pglite") {
    const folder = mkdtempSync(join(tmpdir(), `fairbill-${name}-`));
    return {
      location: { kind: "pglite", dataDirectory: folder },
      childEnvironment: { FAIRBILL_DATA_DIR: folder },
      remove: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const database = `fairbill_${name.replaceAll("-", "_")}_${randomBytes(6).toString("hex")}`;
  await runOnServer(`create database ${database}`);
  const url = new URL(testPostgresUrl);
  url.pathname = `/${database}`;
  return {
    location: { kind: "postgres", connectionString: url.toString() },
    childEnvironment: { DATABASE_URL: url.toString() },
    remove: () => runOnServer(`drop database if exists ${database} with (force)`),
  };
}

async function runOnServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
