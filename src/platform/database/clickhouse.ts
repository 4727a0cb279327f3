// The optional ClickHouse server (CLICKHOUSE_URL) that raw usage events are
// mirrored to when they outgrow PostgreSQL: the connection through the
// official client, the quoting of values into SQL, and which PostgreSQL
// database a connection belongs to. PostgreSQL stays the system of record
// (dedup and the rollups that invoices read); ClickHouse only ever holds
// copies that readers of raw events may scan instead.
//
// The oldest server this speaks to is Debian's 18.16, which has no query
// parameters ({name:Type}) yet: values go into the SQL as literals quoted by
// `clickHouseText`, numbers only after they are checked to be integers.
import type { ClickHouseClient } from "@clickhouse/client";
import { parseClickHouseUrl } from "./clickhouse-url.ts";
import type { Database } from "./schema.ts";
import { databaseAcrossTenants } from "./tenant-sessions.ts";

export type ClickHouseConnection = {
  client: ClickHouseClient;
  /** The ClickHouse database Fairbill's tables live in (the URL's path, `fairbill` without one). */
  database: string;
  /** `database.table`, quoted, for SQL. */
  table(name: string): string;
  close(): Promise<void>;
};

/** Connects, checks that the server answers, and creates the database when it does not exist. */
export async function openClickHouse(text: string): Promise<ClickHouseConnection> {
  const parsed = parseClickHouseUrl(text);
  if (parsed === undefined) {
    throw new Error(
      "CLICKHOUSE_URL must be http(s)://[user:password@]host:port[/database], such as http://127.0.0.1:8123/fairbill",
    );
  }
  const { url, database } = parsed;
  const username = decodeURIComponent(url.username) || "default";
  const password = decodeURIComponent(url.password);
  // Loaded only when configured: most installations never need the client.
  const { createClient } = await import("@clickhouse/client");
  const client = createClient({
    url: `${url.protocol}//${url.host}`,
    username,
    password,
    // Compressed requests and responses are what 18.x handles least well; events are small rows.
    compression: { request: false, response: false },
    request_timeout: 60_000,
  });
  const ping = await client.ping();
  if (!ping.success) {
    await client.close();
    throw new Error(`ClickHouse does not answer at ${url.host}: ${String(ping.error)}`);
  }
  await client.command({ query: `create database if not exists ${database}` });
  return {
    client,
    database,
    table: (name) => `${database}.${name}`,
    close: () => client.close(),
  };
}

/** A string as a ClickHouse string literal. */
export function clickHouseText(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** A whole number as a ClickHouse literal; anything else is a programming error. */
export function clickHouseInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not a whole number: ${value}`);
  return String(value);
}

/** A list of strings as a ClickHouse array literal. */
export function clickHouseTextArray(values: readonly string[]): string {
  return `[${values.map(clickHouseText).join(", ")}]`;
}

// Which ClickHouse server holds the event copies of which database: readers
// that are handed a database (a request's, a job's, the CLI's) find it here.
const connections = new WeakMap<Database, ClickHouseConnection>();

export function attachClickHouse(database: Database, connection: ClickHouseConnection): void {
  connections.set(database, connection);
}

/**
 * The ClickHouse server mirroring this database's events, or undefined when
 * there is none; a tenant's database (a request's, a job's) finds its handle's.
 */
export function clickHouseOf(database: Database): ClickHouseConnection | undefined {
  return connections.get(database) ?? connections.get(databaseAcrossTenants(database));
}
