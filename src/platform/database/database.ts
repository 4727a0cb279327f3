// One handle over the two databases Fairbill runs on: the embedded PGlite (a
// folder on disk, or memory for tests) and a PostgreSQL server. Both speak the
// same SQL and are driven through the same typed Kysely query builder; only
// opening, raw scripts and closing differ.
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type PostgresPool } from "kysely";
import pg from "pg";
import { FairbillError } from "../errors.ts";
import {
  ChangeFeed,
  embeddedChangeListener,
  registerChangeFeed,
  serverChangeListener,
} from "./change-notifications.ts";
import { acquireDataDirectoryLock } from "./data-directory-lock.ts";
import { type DiskSpaceGuard, defaultDiskReserveMegabytes, diskSpaceGuard } from "./disk-space.ts";
import { ConnectionMutex } from "./mutex.ts";
import { type PgliteSession, pgliteDialect } from "./pglite-dialect.ts";
import { pgliteModule } from "./pglite-module.ts";
import type { Database } from "./schema.ts";
import {
  ownerSessionStatement,
  registerTenantDatabases,
  type SessionSettings,
  type SessionTenant,
  sessionSettingsOf,
} from "./tenant-sessions.ts";

/** A single connection for work that must not be spread over a pool: migrations, advisory locks. */
export type RawConnection = {
  query<Row>(text: string, parameters?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (a migration file). */
  executeScript(script: string): Promise<void>;
};

export type DatabaseHandle = {
  kind: "pglite" | "postgres";
  /** Where the data lives, for logs: a folder, "memory", or the server without its password. */
  location: string;
  /**
   * The database across every tenant, as the application role: the job queue, schedules, finding a
   * key's tenant. A request or a job of one tenant uses `databaseOfTenant(database, scope)`.
   */
  database: Database;
  /** A connection as the tables' owner, outside row-level security: migrations only. */
  withRawConnection<T>(work: (connection: RawConnection) => Promise<T>): Promise<T>;
  /** The embedded database's whole data folder as a gzipped tarball (`fairbill backup`); PostgreSQL has pg_dump. */
  dumpDataDirectory?: () => Promise<Blob>;
  close(): Promise<void>;
};

export type DatabaseLocation =
  | {
      kind: "pglite";
      dataDirectory: string | "memory";
      /** Free space kept on the folder's disk: writes are refused below it (disk-space.ts). */
      diskReserveMegabytes?: number;
    }
  | { kind: "postgres"; connectionString: string; searchPath?: string; maximumConnections?: number };

// int8 (counts, sums of integers) as JS numbers, and dates as plain 'YYYY-MM-DD'
// strings: a `date` must never become a Date at local midnight. numeric stays a
// string in both drivers, which is what money needs.
const int8TypeId = 20;
const dateTypeId = 1082;

export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  return location.kind === "pglite"
    ? openPglite(location.dataDirectory, undefined, location.diskReserveMegabytes)
    : openPostgres(location);
}

/**
 * An embedded database in memory that starts as a copy of an archive (what
 * `dumpDataDirectory` gave): no initdb, so it opens several times faster than
 * an empty one. The tests open each file's database from a migrated archive.
 */
export function openEmbeddedDatabaseFromArchive(archive: Blob): Promise<DatabaseHandle> {
  return openPglite("memory", archive);
}

async function openPglite(
  dataDirectory: string | "memory",
  loadFrom?: Blob,
  diskReserveMegabytes = defaultDiskReserveMegabytes,
): Promise<DatabaseHandle> {
  let releaseLock = () => {};
  let pgliteDirectory: string | undefined;
  let diskSpace: DiskSpaceGuard | undefined;
  if (dataDirectory !== "memory") {
    mkdirSync(dataDirectory, { recursive: true });
    diskSpace = diskSpaceGuard(dataDirectory, diskReserveMegabytes);
    // PGlite writes as it starts (recovery, a checkpoint) and would hang on a full disk: refuse before it.
    diskSpace.assertRoomToWrite();
    releaseLock = acquireDataDirectoryLock(dataDirectory);
    pgliteDirectory = join(dataDirectory, "pgdata");
  }
  try {
    const pglite = await PGlite.create({
      ...(pgliteDirectory ? { dataDir: pgliteDirectory } : {}),
      ...(loadFrom ? { loadDataDir: loadFrom } : {}),
      pgliteWasmModule: await pgliteModule(),
      parsers: { [int8TypeId]: (value: string) => Number(value), [dateTypeId]: (value: string) => value },
    });
    const mutex = new ConnectionMutex();
    const session: PgliteSession = { appliedKey: undefined };
    const databaseOf = (tenant: SessionTenant): Database =>
      new Kysely({ dialect: pgliteDialect(pglite, mutex, session, sessionSettingsOf(tenant), diskSpace) });
    const database = databaseOf("all tenants");
    registerTenantDatabases(database, databaseOf);
    const changes = new ChangeFeed(embeddedChangeListener(pglite, mutex));
    registerChangeFeed(database, changes);
    return {
      kind: "pglite",
      location: dataDirectory,
      database,
      withRawConnection: (work) =>
        mutex.run(async () => {
          diskSpace?.assertRoomToWrite();
          await pglite.exec(ownerSessionStatement);
          session.appliedKey = undefined;
          return work({
            query: async <Row>(text: string, parameters: unknown[] = []) =>
              (await pglite.query<Row>(text, parameters)).rows,
            executeScript: async (script) => {
              await pglite.exec(script);
            },
          });
        }),
      dumpDataDirectory: () => mutex.run(() => pglite.dumpDataDir("gzip")),
      close: async () => {
        await changes.close();
        await database.destroy();
        await pglite.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * Restores a backup of the embedded database (what `dumpDataDirectory` gave)
 * into an empty data folder: `fairbill restore`.
 */
export async function restoreEmbeddedDatabase(dataDirectory: string, archive: Blob): Promise<void> {
  const pgliteDirectory = join(dataDirectory, "pgdata");
  if (existsSync(pgliteDirectory) && readdirSync(pgliteDirectory).length > 0) {
    throw new FairbillError({
      code: "data_directory_not_empty",
      status: 409,
      detail: `${dataDirectory} already holds a database: restore into an empty folder (FAIRBILL_DATA_DIR).`,
    });
  }
  const handle = await openPglite(dataDirectory, archive);
  await handle.close();
}

async function openPostgres(
  location: Extract<DatabaseLocation, { kind: "postgres" }>,
): Promise<DatabaseHandle> {
  const typeParsers = {
    getTypeParser: (typeId: number, format?: "text" | "binary") => {
      if (typeId === int8TypeId) return (value: string) => Number(value);
      if (typeId === dateTypeId) return (value: string) => value;
      return pg.types.getTypeParser(typeId, format);
    },
  };
  const pool = new pg.Pool({
    connectionString: location.connectionString,
    max: location.maximumConnections ?? 10,
    types: typeParsers as pg.CustomTypesConfig,
    ...(location.searchPath ? { options: `-c search_path=${location.searchPath}` } : {}),
  });
  // A server that ends an idle connection (a restart, a failover, an administrator) makes the pool
  // emit "error"; unheard, that would end the process. The pool drops that client and opens a new
  // one on the next query, so there is nothing else to do.
  pool.on("error", () => {});
  // The same for a connection lent out, between two queries of a transaction: the query that
  // follows fails (and the request answers 503), and the pool drops the client when it is released.
  pool.on("connect", (client) => client.on("error", () => {}));
  // Fail at start, with the server's own words, when it cannot be reached.
  const probe = await pool.connect();
  probe.release();
  // What each pooled connection was last set up for: it is set up again when lent to another tenant.
  const appliedKeys = new WeakMap<pg.PoolClient, string>();
  const databaseOf = (tenant: SessionTenant): Database =>
    new Kysely({
      dialect: new PostgresDialect({ pool: tenantPool(pool, appliedKeys, sessionSettingsOf(tenant)) }),
    });
  const database = databaseOf("all tenants");
  registerTenantDatabases(database, databaseOf);
  // Cached reads (change-cache.ts) hear of changes committed by any process through a connection of its own.
  const changes = new ChangeFeed(serverChangeListener(location.connectionString));
  registerChangeFeed(database, changes);
  return {
    kind: "postgres",
    location: describeConnectionString(location.connectionString),
    database,
    withRawConnection: async (work) => {
      const client = await pool.connect();
      try {
        await client.query(ownerSessionStatement);
        appliedKeys.delete(client);
        return await work({
          query: async <Row>(text: string, parameters: unknown[] = []) =>
            (await client.query(text, parameters)).rows as Row[],
          executeScript: async (script) => {
            await client.query(script);
          },
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      await changes.close();
      await database.destroy();
      await pool.end();
    },
  };
}

/** The pool as one tenant's handle sees it: each connection it lends is set up for that tenant. */
function tenantPool(
  pool: pg.Pool,
  appliedKeys: WeakMap<pg.PoolClient, string>,
  settings: SessionSettings,
): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      if (appliedKeys.get(client) !== settings.key) {
        try {
          await client.query(settings.statement, settings.parameters);
        } catch (error) {
          client.release(error as Error);
          throw error;
        }
        appliedKeys.set(client, settings.key);
      }
      return client;
    },
    // The pool belongs to the handle, which ends it once, on close.
    end: async () => {},
  };
}

function describeConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    url.password = "";
    return url.toString();
  } catch {
    return "postgres";
  }
}
