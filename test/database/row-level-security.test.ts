// Row-level security as the second line (issue 18): every tenant table has a
// policy keyed by the session's `fairbill.environment_id` (or
// `fairbill.organization_id`), so a query that forgets its tenant filter,
// run by a role that is neither superuser nor owner, sees nothing of another
// tenant, and nothing at all without the setting. PostgreSQL only: PGlite has
// one user, a superuser, whom row-level security does not bind.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestTenant } from "../support/test-app.ts";
import { testDatabaseKind, testPostgresUrl } from "../support/test-database.ts";

const onPostgres = testDatabaseKind === "postgres";
let testApp: TestApp;
let first: TestTenant;
let second: TestTenant;

beforeAll(async () => {
  testApp = await startTestApp();
  first = await testApp.newTenant("First");
  second = await testApp.newTenant("Second");
  await first.admin.post("/v1/customers", { external_id: "first-1", name: "First one", currency: "EUR" });
  await first.admin.post("/v1/customers", { external_id: "first-2", name: "First two", currency: "EUR" });
  await second.admin.post("/v1/customers", { external_id: "second-1", name: "Second one", currency: "EUR" });
});
afterAll(async () => testApp?.close());

describe("row-level security", () => {
  it("gives every table with a tenant column a policy, on both databases", async () => {
    const unprotected = await sql<{ table_name: string }>`
      select columns.table_name from information_schema.columns columns
      join information_schema.tables tables
        on tables.table_schema = columns.table_schema and tables.table_name = columns.table_name
      join pg_class on pg_class.relname = columns.table_name
        and pg_class.relnamespace = (select oid from pg_namespace where nspname = current_schema())
      where columns.table_schema = current_schema() and tables.table_type = 'BASE TABLE'
        and columns.column_name in ('environment_id', 'organization_id')
        and (not pg_class.relrowsecurity or not exists (
          select 1 from pg_policies where schemaname = current_schema() and tablename = columns.table_name))
      group by columns.table_name`.execute(testApp.handle.database);
    expect(unprotected.rows).toEqual([]);
  });

  it.skipIf(!onPostgres)(
    "shows a query without its tenant filter nothing of another tenant, and nothing without the setting (PostgreSQL only: PGlite's one user is a superuser, whom policies do not bind)",
    async () => {
      const schema = (
        await sql<{ schema: string }>`select current_schema() as schema`.execute(testApp.handle.database)
      ).rows[0]?.schema;
      const role = `fairbill_rls_probe_${randomBytes(4).toString("hex")}`;
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      try {
        await client.query(`create role ${role} nologin`);
        await client.query(`grant usage on schema ${schema} to ${role}`);
        await client.query(`grant select, insert on all tables in schema ${schema} to ${role}`);
        await client.query("begin");
        await client.query(`set local search_path to ${schema}`);
        await client.query(`set local role ${role}`);
        const names = async () =>
          (await client.query<{ name: string }>("select name from customers order by name")).rows.map(
            (row) => row.name,
          );
        // The query a careless use case would send: no tenant filter at all.
        expect(await names()).toEqual([]);
        await client.query("select set_config('fairbill.environment_id', $1, true)", [
          first.organization.environments.test,
        ]);
        expect(await names()).toEqual(["First one", "First two"]);
        await client.query("select set_config('fairbill.environment_id', $1, true)", [
          second.organization.environments.test,
        ]);
        expect(await names()).toEqual(["Second one"]);
        // Writing into another tenant is refused too.
        await client.query("savepoint before_insert");
        await expect(
          client.query(
            "insert into customers (id, organization_id, environment_id, external_id, name, currency, created_at, updated_at) " +
              "values ('cus_rls_probe', $1, $2, 'probe', 'Probe', 'EUR', now(), now())",
            [first.organization.id, first.organization.environments.test],
          ),
        ).rejects.toThrow(/row-level security/);
        await client.query("rollback to savepoint before_insert");
        await client.query("select set_config('fairbill.all_tenants', 'on', true)");
        expect(await names()).toEqual(["First one", "First two", "Second one"]);
        await client.query("rollback");
      } finally {
        await client.query("rollback").catch(() => {});
        await client.query(`drop owned by ${role}`).catch(() => {});
        await client.query(`drop role if exists ${role}`).catch(() => {});
        await client.end();
      }
    },
  );
});
