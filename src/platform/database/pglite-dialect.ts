// Kysely dialect for the embedded PGlite database. PGlite is one PostgreSQL
// backend in this process with one connection, so every query and transaction
// takes turns through a mutex; the SQL dialect itself is PostgreSQL's. Each
// dialect serves one tenant (tenant-sessions.ts): whoever takes the connection
// sets the session up for its tenant unless it is already set up so.
import type { PGlite } from "@electric-sql/pglite";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import { type DiskSpaceGuard, mayWrite } from "./disk-space.ts";
import type { ConnectionMutex } from "./mutex.ts";
import type { SessionSettings } from "./tenant-sessions.ts";

/** What the one session of a PGlite was last set up for (undefined: for its owner, by a raw connection). */
export type PgliteSession = { appliedKey: string | undefined };

export function pgliteDialect(
  pglite: PGlite,
  mutex: ConnectionMutex,
  session: PgliteSession,
  settings: SessionSettings,
  diskSpace?: DiskSpaceGuard,
): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgliteDriver(pglite, mutex, session, settings, diskSpace),
    createIntrospector: (database: Kysely<unknown>) => new PostgresIntrospector(database),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

class PgliteDriver implements Driver {
  readonly #pglite: PGlite;
  readonly #mutex: ConnectionMutex;
  readonly #session: PgliteSession;
  readonly #settings: SessionSettings;
  readonly #diskSpace: DiskSpaceGuard | undefined;
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(
    pglite: PGlite,
    mutex: ConnectionMutex,
    session: PgliteSession,
    settings: SessionSettings,
    diskSpace: DiskSpaceGuard | undefined,
  ) {
    this.#pglite = pglite;
    this.#mutex = mutex;
    this.#session = session;
    this.#settings = settings;
    this.#diskSpace = diskSpace;
  }

  async init(): Promise<void> {
    await this.#pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.acquire();
    if (this.#session.appliedKey !== this.#settings.key) {
      try {
        await this.#pglite.query(this.#settings.statement, this.#settings.parameters);
      } catch (error) {
        release();
        throw error;
      }
      this.#session.appliedKey = this.#settings.key;
    }
    const connection = new PgliteConnection(this.#pglite, this.#diskSpace);
    this.#releases.set(connection, release);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : "";
    const access = settings.accessMode ? ` ${settings.accessMode}` : "";
    await this.#pglite.exec(`begin${isolation}${access}`);
    void connection;
  }

  async commitTransaction(): Promise<void> {
    await this.#pglite.exec("commit");
  }

  async rollbackTransaction(): Promise<void> {
    await this.#pglite.exec("rollback");
  }

  async savepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    await this.#pglite.exec(`savepoint ${quoteIdentifier(name)}`);
  }

  async rollbackToSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    await this.#pglite.exec(`rollback to savepoint ${quoteIdentifier(name)}`);
  }

  async releaseSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    await this.#pglite.exec(`release savepoint ${quoteIdentifier(name)}`);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#releases.get(connection)?.();
    this.#releases.delete(connection);
  }

  async destroy(): Promise<void> {
    // The PGlite instance belongs to the database handle, which closes it.
  }
}

class PgliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;
  readonly #diskSpace: DiskSpaceGuard | undefined;

  constructor(pglite: PGlite, diskSpace: DiskSpaceGuard | undefined) {
    this.#pglite = pglite;
    this.#diskSpace = diskSpace;
  }

  async executeQuery<Row>(compiledQuery: CompiledQuery): Promise<QueryResult<Row>> {
    if (this.#diskSpace && mayWrite(compiledQuery.sql)) this.#diskSpace.assertRoomToWrite();
    const result = await this.#pglite.query<Row>(compiledQuery.sql, [...compiledQuery.parameters]);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  // PGlite holds a result in memory anyway, so a stream is one chunk of every row.
  async *streamQuery<Row>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<Row>> {
    yield await this.executeQuery<Row>(compiledQuery);
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
