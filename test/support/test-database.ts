// A fresh, migrated database for one test file, on the engine the test
// project names: PGlite in memory, or a new schema on the PostgreSQL server
// (dropped again on close). Tests never share data with each other's files.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type DatabaseHandle, openDatabase } from "../../src/platform/database/database.ts";
import { migrate } from "../../src/platform/database/migrator.ts";

export const testDatabaseKind = process.env.FAIRBILL_TEST_DATABASE === "postgres" ? "postgres" : "pglite";
export const testPostgresUrl =
  process.env.FAIRBILL_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (testDatabaseKind === "pglite") {
    const handle = await openDatabase({ kind: "pglite", dataDirectory: "memory" });
    await migrate(handle);
    return handle;
  }
  const schema = `fairbill_test_${randomBytes(6).toString("hex")}`;
  await runOnServer(`create schema ${schema}`);
  const handle = await openDatabase({
    kind: "postgres",
    connectionString: testPostgresUrl,
    searchPath: schema,
  });
  await migrate(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await runOnServer(`drop schema ${schema} cascade`);
    },
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
