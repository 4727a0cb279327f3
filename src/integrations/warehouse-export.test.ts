// The warehouse export: an environment's customers, subscriptions, contracts,
// invoices and lines, credit notes, payments, usage rollups and journal
// entries, exported as Parquet and CSV to a folder and to a local
// S3-compatible server (s3rver, through the AWS SDK), and as rows to a
// PostgreSQL schema; read back with a Parquet reader (hyparquet), row counts
// equal to the API's lists; a second export carries only what changed since
// the first (the update cursor in the manifest).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { parquetReadObjects } from "hyparquet";
import pg from "pg";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMeter,
  createOneOffInvoice,
  createPlan,
  ingestEvents,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { baseFee } from "../../test/support/pricing-fixtures.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { TestClock } from "../../test/support/test-clock.ts";
import { testPostgresUrl } from "../../test/support/test-database.ts";

const hour = 60 * 60 * 1000;
/** The PostgreSQL server the tests use, standing in for a warehouse database. */
const warehouseUrl = testPostgresUrl;
/** A schema of this run's own there, dropped at the end. */
const warehouseSchema = `fairbill_warehouse_${process.pid}`;
const clock = new TestClock(new Date(Math.floor(Date.now() / hour) * hour));
const suite = testAppForFile({ clock, allowPrivateTargets: true, tenantName: "Warehouse" });
let folder: string;
let s3: S3rver;
let s3Url: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "fairbill-warehouse-"));
  s3 = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory: join(folder, "s3rver"),
    configureBuckets: [{ name: "warehouse", configs: [] }],
  });
  const { port } = await s3.run();
  s3Url = `http://127.0.0.1:${port}`;
  await seed();
}, 180_000); // a fresh database, then a plan, subscriptions, invoices and usage: a minute or two on a busy machine
afterAll(async () => {
  await s3?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Three subscribed customers (one with a contract), two paid invoices and a credit note, and an hour of usage. */
async function seed(): Promise<void> {
  const client = suite.tenant.admin;
  await createMeter(client);
  const plan = await createPlan(client, { code: "warehouse", version: { charges: [baseFee("30.00")] } });
  const customers = [];
  for (let index = 0; index < 3; index += 1) {
    customers.push(await subscribeNewCustomer(client, plan.id, { customer: { currency: "USD" } }));
  }
  const [first, second] = customers;
  if (first === undefined || second === undefined) throw new Error("no customers");
  const contract = await client.post("/v1/contracts", {
    customer_id: first.customer.id,
    subscription_id: first.subscription.id,
    start: clock.now().toISOString(),
    end: new Date(clock.now().getTime() + 365 * 24 * hour).toISOString(),
  });
  expect(contract.status).toBe(201);
  for (const { customer } of [first, second]) {
    const invoice = await createOneOffInvoice(client, customer.id, [
      { description: "Onboarding", quantity: "1", unit_amount: "500.00" },
      { description: 'Training, "advanced"', quantity: "2", unit_amount: "125.50" },
    ]);
    expect(
      (await client.post(`/v1/invoices/${invoice.id}/payments`, { amount: "751.00", method: "cheque" }))
        .status,
    ).toBe(201);
    if (customer === first.customer) {
      const note = await client.post(`/v1/invoices/${invoice.id}/credit-notes`, {
        reason: "other",
        full: true,
      });
      expect(note.status).toBe(201);
    }
  }
  const anHourAgo = new Date(clock.now().getTime() - hour + 60_000).toISOString();
  await ingestEvents(
    client,
    customers.map(({ customer }, index) => ({
      id: `warehouse-call-${index}`,
      customer: customer.external_id,
      name: "api_call",
      timestamp: anHourAgo,
    })),
  );
  await suite.testApp.runJobs();
}

async function listed(path: string): Promise<unknown[]> {
  const response = await suite.tenant.admin.get(`${path}${path.includes("?") ? "&" : "?"}limit=100`);
  expect(response.status).toBe(200);
  return response.body.data;
}

/** What the API lists of each dataset (rollups: one per customer who called in the hour). */
async function apiCounts(): Promise<Record<string, number>> {
  const invoices = (await listed("/v1/invoices")) as { lines: unknown[] }[];
  const journal = await suite.tenant.admin.get(`/v1/journal?period=${clock.now().toISOString().slice(0, 7)}`);
  return {
    customers: (await listed("/v1/customers")).length,
    subscriptions: (await listed("/v1/subscriptions")).length,
    contracts: (await listed("/v1/contracts")).length,
    invoices: invoices.length,
    invoice_lines: invoices.reduce((sum, invoice) => sum + invoice.lines.length, 0),
    credit_notes: (await listed("/v1/credit-notes")).length,
    payments: (await listed("/v1/payments")).length,
    usage_rollups: 3,
    journal_entries: journal.body.lines.length,
  };
}

type Manifest = {
  id: string;
  cursor_from: string | null;
  cursor_to: string;
  datasets: { name: string; rows: number; files: string[] }[];
};

async function exportsOf(destinationId: string): Promise<Manifest[]> {
  return ((await listed("/v1/warehouse/exports")) as (Manifest & { destination_id: string })[]).filter(
    (made) => made.destination_id === destinationId,
  );
}

const rowCounts = (manifest: Manifest) =>
  Object.fromEntries(manifest.datasets.map((dataset) => [dataset.name, dataset.rows]));

describe("the warehouse export", () => {
  let expected: Record<string, number>;

  it("writes every dataset as Parquet and CSV to a folder, read back with the API's row counts", async () => {
    expected = await apiCounts();
    expect(expected).toMatchObject({
      customers: 3,
      subscriptions: 3,
      contracts: 1,
      credit_notes: 1,
      payments: 2,
    });
    expect(expected.journal_entries).toBeGreaterThan(0);
    // The next day: every hour and day of the seed has ended.
    clock.advance(24 * hour);
    const destination = await suite.tenant.admin.post("/v1/warehouse/destinations", {
      kind: "folder",
      folder_path: join(folder, "exports"),
      every_minutes: 60,
    });
    expect(destination.status).toBe(201);
    expect(destination.body).toMatchObject({ formats: ["parquet", "csv"], exported_until: null });
    await suite.testApp.runJobs();

    const [made] = await exportsOf(destination.body.id);
    expect(made?.cursor_from).toBeNull();
    expect(made?.cursor_to).toBe(clock.now().toISOString());
    expect(rowCounts(made as Manifest)).toEqual(expected);
    for (const dataset of made?.datasets ?? []) {
      const [parquetPath, csvPath] = dataset.files;
      const rows = await parquetReadObjects({ file: toArrayBuffer(await readFile(parquetPath as string)) });
      expect(rows, dataset.name).toHaveLength(expected[dataset.name] as number);
      const csvRows = (await readFile(csvPath as string, "utf8")).trimEnd().split("\r\n");
      expect(csvRows, dataset.name).toHaveLength((expected[dataset.name] as number) + 1);
    }
    const invoiceFile = made?.datasets.find((dataset) => dataset.name === "invoice_lines")
      ?.files[0] as string;
    const lines = await parquetReadObjects({ file: toArrayBuffer(await readFile(invoiceFile)) });
    expect(lines.map((line) => line.amount).sort()).toContain("251.00");
    const manifest = JSON.parse(
      await readFile(join(folder, "exports", made?.id as string, "manifest.json"), "utf8"),
    );
    expect(manifest.cursor).toEqual({ from: null, to: made?.cursor_to });

    // What changed since: one customer renamed. The next export carries it alone.
    const [customer] = (await listed("/v1/customers")) as { id: string }[];
    clock.advance(hour);
    expect(
      (await suite.tenant.admin.patch(`/v1/customers/${customer?.id}`, { name: "Renamed" })).status,
    ).toBe(200);
    clock.advance(hour);
    expect(
      (await suite.tenant.admin.post(`/v1/warehouse/destinations/${destination.body.id}/exports`, {})).status,
    ).toBe(202);
    await suite.testApp.runJobs();
    const [latest] = await exportsOf(destination.body.id);
    expect(latest?.cursor_from).toBe(made?.cursor_to);
    expect(Object.entries(rowCounts(latest as Manifest)).filter(([, rows]) => rows > 0)).toEqual([
      ["customers", 1],
    ]);
  });

  it("puts the files in S3-compatible storage, where the SDK reads them back", async () => {
    const destination = await suite.tenant.admin.post("/v1/warehouse/destinations", {
      kind: "s3",
      s3: {
        bucket: "warehouse",
        prefix: "fairbill/",
        endpoint: s3Url,
        region: "us-east-1",
        force_path_style: true,
        access_key_id: "S3RVER",
        secret_access_key: "S3RVER",
      },
      formats: ["parquet"],
    });
    expect(destination.status).toBe(201);
    expect(JSON.stringify(destination.body)).not.toContain("secret_access_key");
    await suite.testApp.runJobs();
    const [made] = await exportsOf(destination.body.id);
    const client = new S3Client({
      region: "us-east-1",
      endpoint: s3Url,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    for (const dataset of made?.datasets ?? []) {
      const [key] = dataset.files;
      expect(key).toMatch(new RegExp(`^fairbill/${made?.id}/${dataset.name}\\.parquet$`));
      const object = await client.send(new GetObjectCommand({ Bucket: "warehouse", Key: key }));
      const bytes = await object.Body?.transformToByteArray();
      const rows = await parquetReadObjects({ file: toArrayBuffer(bytes as Uint8Array) });
      expect(rows, dataset.name).toHaveLength(
        dataset.name === "customers" ? 3 : (expected[dataset.name] as number),
      );
    }
    const manifest = await client.send(
      new GetObjectCommand({ Bucket: "warehouse", Key: `fairbill/${made?.id}/manifest.json` }),
    );
    expect(JSON.parse((await manifest.Body?.transformToString()) ?? "{}").export_id).toBe(made?.id);
    client.destroy();
  });

  it("appends the rows to the tables of a PostgreSQL warehouse's schema", async () => {
    const destination = await suite.tenant.admin.post("/v1/warehouse/destinations", {
      kind: "postgres",
      postgres: { url: warehouseUrl, schema: warehouseSchema },
    });
    expect(destination.status).toBe(201);
    expect(JSON.stringify(destination.body)).not.toContain(warehouseUrl);
    await suite.testApp.runJobs();
    const [made] = await exportsOf(destination.body.id);
    const warehouse = new pg.Client({ connectionString: warehouseUrl });
    await warehouse.connect();
    try {
      for (const dataset of made?.datasets ?? []) {
        const counted = await warehouse.query<{ rows: string }>(
          `select count(*)::text as rows from ${warehouseSchema}.${dataset.name} where _export_id = $1`,
          [made?.id],
        );
        expect(Number(counted.rows[0]?.rows), dataset.name).toBe(dataset.rows);
        expect(dataset.rows, dataset.name).toBe(dataset.name === "customers" ? 3 : expected[dataset.name]);
      }
    } finally {
      await warehouse.query(`drop schema if exists ${warehouseSchema} cascade`);
      await warehouse.end();
    }
  });

  it("refuses a destination without its settings, naming the field", async () => {
    const missing = await suite.tenant.admin.post("/v1/warehouse/destinations", { kind: "s3" });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: "$.s3", message: "is required for s3" }]);
    const mixed = await suite.tenant.admin.post("/v1/warehouse/destinations", {
      kind: "folder",
      folder_path: "/tmp/x",
      postgres: { url: warehouseUrl, schema: "x" },
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors).toEqual([{ path: "$.postgres", message: "is only for postgres" }]);
  });
});

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
