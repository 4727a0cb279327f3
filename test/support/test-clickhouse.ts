// The ClickHouse server the event-store tests run against: CLICKHOUSE_URL
// (.ci/run starts Debian's clickhouse-server and sets it). Each test file gets
// a database of its own on it, dropped on close. Without a server that
// answers, `testClickHouse` is undefined and the tests say why they skip.
import { randomBytes } from "node:crypto";
import { parseClickHouseUrl } from "../../src/platform/database/clickhouse-url.ts";

const serverUrl = process.env.CLICKHOUSE_URL;

async function answers(url: URL): Promise<boolean> {
  try {
    const response = await fetch(new URL("/ping", url), { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function findServer(): Promise<URL | undefined> {
  const parsed = serverUrl === undefined ? undefined : parseClickHouseUrl(serverUrl);
  if (parsed === undefined || !(await answers(parsed.url))) {
    process.stdout.write(
      `ClickHouse event-store tests skipped: no ClickHouse server answers at CLICKHOUSE_URL (${serverUrl ?? "not set"}). ` +
        ".ci/run installs and starts one; to run them here, start clickhouse-server and set CLICKHOUSE_URL=http://127.0.0.1:8123.\n",
    );
    return undefined;
  }
  return parsed.url;
}

const server = await findServer();

/** The server's URL with a new database name of its own for this test file, or undefined without a server. */
export const testClickHouse =
  server === undefined
    ? undefined
    : {
        url: `${server.protocol}//${server.username ? `${server.username}:${server.password}@` : ""}${server.host}/fairbill_test_${randomBytes(6).toString("hex")}`,
        /** Runs one statement on the server (to look at what Fairbill wrote, and to drop the test database). */
        async run(query: string): Promise<string> {
          const url = new URL("/", server);
          const response = await fetch(url, { method: "POST", body: query });
          const text = await response.text();
          if (!response.ok) throw new Error(`ClickHouse refused "${query}": ${text}`);
          return text;
        },
      };

/** Drops the test file's database. */
export async function dropTestClickHouseDatabase(): Promise<void> {
  if (testClickHouse === undefined) return;
  const database = parseClickHouseUrl(testClickHouse.url)?.database;
  if (database !== undefined) await testClickHouse.run(`drop database if exists ${database}`);
}
