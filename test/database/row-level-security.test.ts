// Row-level security as the second line (issue 18): every tenant table has a
// policy keyed by the session's `fairbill.environment_id` (or
// `fairbill.organization_id`), and the application's own connections run as
// `fairbill_application`, neither superuser nor owner, with the tenant of the
// request or job set on each one it takes; so a query that forgets its tenant
// filter sees nothing of another tenant. On PGlite too: its one user is a
// superuser, but it switches to the application role like PostgreSQL does.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationRole } from "../../src/platform/database/application-role.ts";
import { migrate } from "../../src/platform/database/migrator.ts";
import type { Database } from "../../src/platform/database/schema.ts";
import { databaseOfTenant } from "../../src/platform/database/tenant-sessions.ts";
import { startTestApp, type TestApp, type TestTenant } from "../support/test-app.ts";

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

  it("runs the application's queries as a role that is neither superuser nor owner, on both databases", async () => {
    for (const database of [testApp.handle.database, first.context().database]) {
      const role = (
        await sql<{ user: string; superuser: boolean; bypasses: boolean; owner: string }>`
          select current_user as user, rolsuper as superuser, rolbypassrls as bypasses,
            (select tableowner from pg_tables where schemaname = current_schema() and tablename = 'customers') as owner
          from pg_roles where rolname = current_user`.execute(database)
      ).rows[0];
      expect(role).toMatchObject({ user: applicationRole, superuser: false, bypasses: false });
      expect(role?.owner).not.toBe(applicationRole);
    }
  });

  it("shows a query without its tenant filter, sent through a tenant's own database, nothing of another tenant", async () => {
    // The query a careless use case would send: no tenant filter at all.
    const names = async (database: Database) =>
      (await sql<{ name: string }>`select name from customers order by name`.execute(database)).rows.map(
        (row) => row.name,
      );
    expect(await names(first.context().database)).toEqual(["First one", "First two"]);
    expect(await names(second.context().database)).toEqual(["Second one"]);
    expect(await names(first.context("live").database)).toEqual([]);
    const nowhere = { organizationId: "org_nowhere", environmentId: "env_nowhere" };
    expect(await names(databaseOfTenant(testApp.handle.database, nowhere))).toEqual([]);
    // Inside a transaction too, and a tenant's database gives another's when asked.
    const inTransaction = await first
      .context()
      .database.transaction()
      .execute(async (transaction) => names(transaction));
    expect(inTransaction).toEqual(["First one", "First two"]);
    const secondScope = {
      organizationId: second.organization.id,
      environmentId: second.organization.environments.test,
    };
    expect(await names(databaseOfTenant(first.context().database, secondScope))).toEqual(["Second one"]);
    // Work across tenants (the job queue, finding a key's tenant) sees them all.
    expect(await names(testApp.handle.database)).toEqual(["First one", "First two", "Second one"]);
  });

  it("refuses a write into another tenant through a tenant's database", async () => {
    await expect(
      sql`insert into customers (id, organization_id, environment_id, external_id, name, currency, created_at, updated_at)
          values ('cus_rls_probe', ${second.organization.id}, ${second.organization.environments.test}, 'probe', 'Probe', 'EUR', now(), now())`.execute(
        first.context().database,
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("serves each request with its tenant's database: an API call sees its own rows after another tenant's call", async () => {
    // The same pooled connections serve both tenants one after the other.
    for (let round = 0; round < 3; round++) {
      const firstList = await first.admin.get("/v1/customers");
      const secondList = await second.admin.get("/v1/customers");
      expect(firstList.body.data.map((customer: { name: string }) => customer.name).sort()).toEqual([
        "First one",
        "First two",
      ]);
      expect(secondList.body.data.map((customer: { name: string }) => customer.name)).toEqual(["Second one"]);
    }
  });

  it("leaves migrations to the owner: migrating again as the application's handle works", async () => {
    await expect(migrate(testApp.handle)).resolves.toMatchObject({ applied: [] });
    expect(
      (await sql<{ user: string }>`select current_user as user`.execute(testApp.handle.database)).rows[0]
        ?.user,
    ).toBe(applicationRole);
  });
});
