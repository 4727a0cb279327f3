// Upgrading a database that the previous Fairbill made and filled, from the
// last commit whose migrations had numbered names: its own code and
// migrations run as a child process and fill the database through the HTTP
// API (customers, usage, a plan, a subscription billed over three months, a
// one-off invoice paid in part, a credit note, credits, a coupon, a product
// and a feature, an alert, a webhook endpoint). Then
// the current migrator takes the database over: the old names are renamed,
// nothing is applied twice, every row of every table is still there, and the
// current code serves the same objects to the same API key. On PGlite (a data
// folder) and on PostgreSQL (a new database), like every database test.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApplication } from "../../src/app.ts";
import {
  type DatabaseHandle,
  type DatabaseLocation,
  openDatabase,
} from "../../src/platform/database/database.ts";
import { renamedMigrations } from "../../src/platform/database/migration-renames.ts";
import { findMigrations, type MigrationReport, migrate } from "../../src/platform/database/migrator.ts";
import type { FairbillApp } from "../../src/platform/http/server.ts";
import {
  checkOutPreviousVersion,
  lastCommitWith,
  type PreviousServer,
  type PreviousVersion,
  servePreviousVersion,
} from "../support/previous-version.ts";
import { testDatabaseKind, testPostgresUrl } from "../support/test-database.ts";

// The first migration under its numbered name: the last commit that had it is
// the last one before the renaming.
const firstNumberedMigration = "src/organizations/migrations/0001_organizations.sql";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies read loosely, then asserted on.
type Json = any;

/** What the previous version made, as its API showed it. */
type PreviousObjects = {
  adminKey: string;
  customer: Json;
  plan: Json;
  subscription: Json;
  invoices: Json[];
  oneOffInvoice: Json;
  creditGrant: Json;
  coupon: Json;
  webhookEndpoint: Json;
};

/** A new, empty database for the previous version, and how the current code opens it. */
type ScratchDatabase = {
  forPreviousVersion: { dataDirectory: string } | { databaseUrl: string };
  location: DatabaseLocation;
  drop(): Promise<void>;
};

async function scratchDatabase(): Promise<ScratchDatabase> {
  if (testDatabaseKind === "pglite") {
    const dataDirectory = mkdtempSync(join(tmpdir(), "fairbill-upgrade-"));
    return {
      forPreviousVersion: { dataDirectory },
      location: { kind: "pglite", dataDirectory },
      drop: async () => rmSync(dataDirectory, { recursive: true, force: true }),
    };
  }
  const name = `fairbill_upgrade_${randomBytes(6).toString("hex")}`;
  await runOnServer(`create database ${name}`);
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    forPreviousVersion: { databaseUrl: url.toString() },
    location: { kind: "postgres", connectionString: url.toString() },
    drop: () => runOnServer(`drop database if exists ${name} with (force)`),
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

/** Fills the test environment through the previous version's API, with its test clock. */
async function fillThroughApi(server: PreviousServer): Promise<PreviousObjects> {
  const { call } = server;
  await call("POST", "/v1/test-clock", { frozen_at: "2030-01-01T00:00:00Z" });
  await call("POST", "/v1/meters", {
    code: "calls",
    name: "Calls",
    event_name: "call",
    aggregation: "count",
  });
  const plan = await call<Json>("POST", "/v1/plans", {
    code: "monthly",
    name: "Monthly",
    version: {
      currency: "USD",
      interval: "month",
      charges: [
        { id: "base", type: "fixed", amount: "20.00" },
        { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.10" },
      ],
    },
  });
  await call("POST", `/v1/plans/${plan.id}/versions/1/publish`, {});
  const customer = await call<Json>("POST", "/v1/customers", {
    external_id: "upgrade-customer",
    name: "Upgrade Customer",
    email: "billing@upgrade.example",
    currency: "USD",
    timezone: "UTC",
  });
  const subscription = await call<Json>("POST", "/v1/subscriptions", {
    customer_id: customer.id,
    plan_id: plan.id,
    start_at: "2030-01-01T00:00:00Z",
  });
  const creditGrant = await call<Json>("POST", `/v1/customers/${customer.id}/credit-grants`, {
    name: "Welcome credits",
    amount: "5",
    currency: "USD",
    type: "promotional",
  });
  const coupon = await call<Json>("POST", "/v1/coupons", {
    code: "UPGRADE10",
    name: "Ten percent",
    type: "percentage",
    percent: "10",
    duration: "forever",
  });
  await call("POST", `/v1/customers/${customer.id}/coupons`, { coupon_id: coupon.id });
  const created = await call<Json>("POST", "/v1/webhook-endpoints", {
    url: "http://127.0.0.1:9/upgrade-webhooks",
    event_types: ["*"],
  });
  await call("POST", "/v1/test-clock/advance", { to: "2030-01-20T00:00:00Z" });
  await call("POST", "/v1/events/batch", {
    events: Array.from({ length: 30 }, (_, index) => ({
      id: `upgrade-call-${index}`,
      customer: "upgrade-customer",
      name: "call",
      timestamp: new Date(Date.UTC(2030, 0, 2, index)).toISOString(),
    })),
  });
  await call("POST", "/v1/test-clock/advance", { to: "2030-03-15T00:00:00Z" });
  const oneOff = await call<Json>("POST", "/v1/invoices", {
    customer_id: customer.id,
    currency: "USD",
    lines: [{ description: "Setup", quantity: "1", unit_amount: "100.00" }],
    finalize: true,
  });
  await call("POST", `/v1/invoices/${oneOff.id}/payments`, { amount: "40.00", method: "bank_transfer" });
  const issued = await call<Json>("GET", `/v1/invoices?customer_id=${customer.id}&limit=100`);
  const firstInvoice = issued.data.find(
    (invoice: Json) => invoice.id !== oneOff.id && invoice.status === "open",
  );
  await call("POST", `/v1/invoices/${firstInvoice.id}/credit-notes`, { reason: "other", full: true });
  await call("POST", "/v1/products", { code: "api", name: "API access" });
  await call("POST", "/v1/features", { code: "sso", name: "Single sign-on", kind: "boolean" });
  await call("POST", `/v1/customers/${customer.id}/alerts`, {
    kind: "credit_balance",
    threshold: "1.00",
    currency: "USD",
  });
  const invoices = await call<Json>("GET", `/v1/invoices?customer_id=${customer.id}&limit=100`);
  return {
    adminKey: server.adminKey,
    customer: await call("GET", `/v1/customers/${customer.id}`),
    plan: await call("GET", `/v1/plans/${plan.id}`),
    subscription: await call("GET", `/v1/subscriptions/${subscription.id}`),
    invoices: invoices.data,
    oneOffInvoice: await call("GET", `/v1/invoices/${oneOff.id}`),
    creditGrant,
    coupon: await call("GET", `/v1/coupons/${coupon.id}`),
    webhookEndpoint: created.endpoint,
  };
}

/** The rows of every table of the database's schema, read through the current code's driver. */
async function rowCountsOf(handle: DatabaseHandle): Promise<Record<string, number>> {
  return handle.withRawConnection(async (connection) => {
    const tables = await connection.query<{ table_name: string }>(
      `select table_name from information_schema.tables
       where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables) {
      counts[table] = (await connection.query(`select * from "${table}"`)).length;
    }
    return counts;
  });
}

async function appliedNames(handle: DatabaseHandle): Promise<string[]> {
  const rows = await handle.withRawConnection((connection) =>
    connection.query<{ name: string }>("select name from schema_migrations order by name"),
  );
  return rows.map((row) => row.name);
}

describe("upgrading a database of the last version with numbered migration names", () => {
  let previousVersion: PreviousVersion | undefined;
  let database: ScratchDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  let app: FairbillApp | undefined;
  let previous: PreviousObjects;
  let namesBefore: string[];
  let countsBefore: Record<string, number>;
  let report: MigrationReport;
  let countsAfter: Record<string, number>;

  beforeAll(async () => {
    previousVersion = checkOutPreviousVersion(lastCommitWith(firstNumberedMigration));
    database = await scratchDatabase();
    const server = await servePreviousVersion(previousVersion, database.forPreviousVersion);
    try {
      previous = await fillThroughApi(server);
    } finally {
      await server.stop();
    }
    handle = await openDatabase(database.location);
    namesBefore = await appliedNames(handle);
    countsBefore = await rowCountsOf(handle);
    report = await migrate(handle);
    countsAfter = await rowCountsOf(handle);
    app = await buildApplication({ handle });
    await app.ready();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await database?.drop();
    previousVersion?.remove();
  });

  async function get(path: string): Promise<Json> {
    const response = await app?.inject({
      method: "GET",
      url: path,
      headers: { authorization: `Bearer ${previous.adminKey}` },
    });
    expect(response?.statusCode, `GET ${path}: ${response?.body}`).toBe(200);
    return response?.json();
  }

  it("renames the numbered migrations and applies only those written after the renaming", () => {
    expect(namesBefore).toEqual(renamedMigrations.map(([oldName]) => oldName));
    expect(report.renamed).toBe(renamedMigrations.length);
    const renamedNames = new Set(renamedMigrations.map(([, newName]) => newName));
    expect(report.applied).toEqual(
      findMigrations()
        .map((migration) => migration.name)
        .filter((name) => !renamedNames.has(name)),
    );
  });

  it("keeps every row of every table", () => {
    const { schema_migrations: migrationsBefore, ...tablesBefore } = countsBefore;
    const filled = Object.entries(tablesBefore).filter(([, count]) => count > 0);
    // The previous version really filled the database, across the domains.
    for (const table of [
      "api_keys",
      "customers",
      "events",
      "plans",
      "plan_versions",
      "subscriptions",
      "invoices",
      "invoice_lines",
      "payments",
      "credit_notes",
      "credit_grants",
      "coupons",
      "products",
      "features",
      "alert_rules",
      "webhook_endpoints",
      "audit_events",
    ]) {
      expect(filled.map(([name]) => name)).toContain(table);
    }
    for (const [table, count] of Object.entries(tablesBefore)) {
      expect(countsAfter[table], table).toBe(count);
    }
    expect(countsAfter.schema_migrations).toBe((migrationsBefore ?? 0) + report.applied.length);
  });

  it("serves what the previous version made to its API key, through the current code", async () => {
    expect(await get(`/v1/customers/${previous.customer.id}`)).toMatchObject({
      id: previous.customer.id,
      external_id: "upgrade-customer",
      email: "billing@upgrade.example",
    });
    expect(await get(`/v1/plans/${previous.plan.id}`)).toMatchObject({
      id: previous.plan.id,
      code: "monthly",
    });
    expect(await get(`/v1/subscriptions/${previous.subscription.id}`)).toMatchObject({
      id: previous.subscription.id,
      status: previous.subscription.status,
    });
    const invoices = await get(`/v1/invoices?customer_id=${previous.customer.id}&limit=100`);
    const creditNotes = await get(`/v1/credit-notes?customer_id=${previous.customer.id}`);
    expect(creditNotes.data).toHaveLength(1);
    const pick = (invoice: Json) => ({
      id: invoice.id,
      number: invoice.number,
      status: invoice.status,
      total: invoice.total,
      currency: invoice.currency,
    });
    expect(previous.invoices.length).toBeGreaterThanOrEqual(4);
    expect(invoices.data.map(pick)).toEqual(previous.invoices.map(pick));
    expect(await get(`/v1/invoices/${previous.oneOffInvoice.id}`)).toMatchObject(
      pick(previous.oneOffInvoice),
    );
    const grants = await get(`/v1/customers/${previous.customer.id}/credit-grants`);
    expect(grants.data.map((grant: Json) => grant.id)).toContain(previous.creditGrant.id);
    expect(await get(`/v1/coupons/${previous.coupon.id}`)).toMatchObject({
      id: previous.coupon.id,
      code: "UPGRADE10",
    });
    const endpoints = await get("/v1/webhook-endpoints");
    expect(endpoints.data.map((endpoint: Json) => endpoint.id)).toContain(previous.webhookEndpoint.id);
  });

  it("verifies the previous version's unkeyed audit entries and the keyed ones written after them as one chain", async () => {
    const response = await app?.inject({
      method: "POST",
      url: "/v1/products",
      headers: { authorization: `Bearer ${previous.adminKey}` },
      payload: { code: "after-upgrade", name: "After the upgrade" },
    });
    expect(response?.statusCode).toBe(201);
    expect(await get("/v1/audit-events/verify")).toMatchObject({ ok: true, broken_entries: [] });
    const kinds = await handle?.database.selectFrom("audit_events").select("keyed").distinct().execute();
    expect(new Set(kinds?.map((row) => row.keyed))).toEqual(new Set([false, true]));
  });
});
