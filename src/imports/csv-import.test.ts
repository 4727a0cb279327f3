// CSV imports in the templates of docs/imports.md: a customers file with
// errors names each bad row and column and, in atomic mode, imports nothing;
// without atomic mode its good rows are imported; once fixed, the rest is
// imported and a second run creates nothing. A subscriptions file is checked
// against the customers and plans it names. A header with an unknown column
// is refused at row 1. Usage backfills from NDJSON and CSV files store each
// event id once (a rerun skips them all), name each bad line and field, and
// refuse a dry run and a file over the size limit.
import { describe, expect, it } from "vitest";
import { createPlan } from "../../test/support/builders.ts";
import { runImportJob } from "../../test/support/imports.ts";
import { type LooseJson, testAppForFile } from "../../test/support/test-app.ts";

const suite = testAppForFile({ tenantName: "Spreadsheet billing" });

const customersWithErrors = [
  "external_id,name,email,country,currency,address_line1,address_city,tax_id_type,tax_id_value",
  "acme,Acme GmbH,billing@acme.example,DE,EUR,Hauptstraße 1,Berlin,eu_vat,DE123456789",
  "globex,Globex,not-an-email,US,USD,1 Main St,Springfield,,",
  "initech,Initech,ap@initech.example,XX,USD,,,,",
  "umbrella,Umbrella,ap@umbrella.example,GB,GBP,,,eu_vat,",
  "acme,Acme again,again@acme.example,DE,EUR,,,,",
  "hooli,Hooli,ap@hooli.example,US,USD,,,,",
].join("\n");

/** Runs an import of `body` to its end and reads its whole report. */
async function runImportOf(body: object): Promise<{ run: LooseJson; records: LooseJson[] }> {
  const run = await runImportJob(suite.testApp, suite.tenant.admin, body);
  expect(run.status, run.failure ?? undefined).toBe("completed");
  const records = (await suite.tenant.admin.get(`/v1/imports/${run.id}/records?limit=500`)).body.data;
  return { run, records };
}

async function importCsv(
  object: string,
  text: string,
  atomic: boolean,
): Promise<{ run: LooseJson; records: LooseJson[] }> {
  return runImportOf({ source: "csv", csv: { object, text, atomic } });
}

const outcomes = (records: LooseJson[]) =>
  records.map(
    (record: LooseJson) =>
      `${record.source_id} ${record.outcome}: ${record.reason ?? record.fairbill_id.slice(0, 4)}`,
  );

describe("CSV imports", () => {
  it("names each bad row and column, and imports nothing from the file in atomic mode", async () => {
    const { run, records } = await importCsv("customers", customersWithErrors, true);
    expect([run.created, run.skipped, run.refused]).toEqual([0, 2, 4]);
    expect(outcomes(records)).toEqual([
      "row 2 skipped: not imported: the file has 4 problems and the import is atomic",
      'row 3 refused: row 3, column email: must match format "email"',
      'row 4 refused: row 4, column country: must match format "iso-3166-country"',
      "row 5 refused: row 5, column tax_id_value: is needed with the other tax id column",
      "row 6 refused: row 6, column external_id: repeats row 2",
      "row 7 skipped: not imported: the file has 4 problems and the import is atomic",
    ]);
    expect(records[1].source_record).toMatchObject({ external_id: "globex", email: "not-an-email" });
    const customers = await suite.tenant.admin.get("/v1/customers");
    expect(customers.body.data).toEqual([]);
  });

  it("imports the good rows when not atomic, then the fixed rows, and creates nothing on a second run", async () => {
    const partial = await importCsv("customers", customersWithErrors, false);
    expect([partial.run.created, partial.run.skipped, partial.run.refused]).toEqual([2, 0, 4]);
    const acme = (await suite.tenant.admin.get("/v1/customers?external_id=acme")).body.data[0];
    expect(acme).toMatchObject({
      name: "Acme GmbH",
      country: "DE",
      currency: "EUR",
      billing_address: { line1: "Hauptstraße 1", city: "Berlin", country: "DE" },
      tax_ids: [{ type: "eu_vat", value: "DE123456789" }],
    });

    const fixed = [
      "external_id,name,email,country,currency",
      "acme,Acme GmbH,billing@acme.example,DE,EUR",
      "globex,Globex,ap@globex.example,US,USD",
      "initech,Initech,ap@initech.example,US,USD",
      "umbrella,Umbrella,ap@umbrella.example,GB,GBP",
      "hooli,Hooli,ap@hooli.example,US,USD",
    ].join("\n");
    const rest = await importCsv("customers", fixed, true);
    expect([rest.run.created, rest.run.skipped, rest.run.refused]).toEqual([3, 2, 0]);
    const again = await importCsv("customers", fixed, true);
    expect([again.run.created, again.run.skipped, again.run.refused]).toEqual([0, 5, 0]);
    expect(again.records[0].reason).toMatch(/^imported before as cus_|exists already/);
    expect((await suite.tenant.admin.get("/v1/customers?limit=100")).body.data).toHaveLength(5);
  });

  it("checks a subscriptions file against the customers and plans it names", async () => {
    await createPlan(suite.tenant.admin, {
      code: "team",
      name: "Team",
      version: { charges: [{ id: "seats", type: "fixed", amount: "10.00" }] },
    });
    const start = new Date(Date.now() - 86_400_000).toISOString();
    const file = [
      "external_id,customer_external_id,plan_code,plan_version,start_at,quantities",
      `globex-team,globex,team,1,${start},seats=12`,
      `ghost-team,ghost,team,1,${start},`,
      `hooli-team,hooli,solo,1,${start},seats=x`,
      "hooli-team-2,hooli,team,1,yesterday,",
      `initech-team,initech,team,,${start},`,
    ].join("\n");
    const { run, records } = await importCsv("subscriptions", file, false);
    expect(outcomes(records)[0]).toMatch(/^row 2 created: sub_/);
    expect([run.created, run.skipped, run.refused]).toEqual([1, 0, 4]);
    expect(outcomes(records).slice(1)).toEqual([
      'row 3 refused: row 3, column customer_external_id: no customer has external id "ghost"',
      expect.stringMatching(/^row 4 refused: row 4, column quantities: must match pattern/),
      'row 5 refused: row 5, column start_at: must match format "date-time"',
      // Checked by the subscriptions domain when the row is applied: the plan was published after start_at.
      expect.stringMatching(/^row 6 refused: row 6: Plan team has no published version in effect at /),
    ]);
    const globex = (await suite.tenant.admin.get("/v1/customers?external_id=globex")).body.data[0];
    const subscriptions = (await suite.tenant.admin.get(`/v1/subscriptions?customer_id=${globex.id}`)).body
      .data;
    expect(subscriptions).toEqual([
      expect.objectContaining({ external_id: "globex-team", quantities: { seats: 12 } }),
    ]);
  });

  it("refuses a header with an unknown or missing column at row 1, and a request without its file", async () => {
    const { run, records } = await importCsv("subscriptions", "external_id,customer,plan_code\nx,y,z", true);
    expect([run.created, run.refused]).toEqual([0, 1]);
    expect(records[0].reason).toMatch(
      /^row 1, column customer: is not a column of the subscriptions template/,
    );
    expect(records[0].reason).toContain("row 1, column customer_external_id: is required and missing");
    expect(records[1].reason).toBe("not read: the header has problems");
    const missing = await suite.tenant.admin.post("/v1/imports", { source: "csv" });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: "$.csv" })]);
  });
});

describe("usage imports", () => {
  const ndjson = [
    '{"id":"u-1","customer":"acme","name":"api_call","timestamp":"2026-01-03T10:00:00Z"}',
    '{"id":"u-2","customer":"acme","name":"api_call","timestamp":"2026-01-04T10:00:00Z"}',
    "",
    '{"id":"u-3","customer":"acme","name":"storage_used","timestamp":"2026-01-05T10:00:00Z","properties":{"gigabytes":"12.5"}}',
    '{"id":"u-4","customer":"acme",',
    '{"id":"u-5","customer":"acme","name":"api_call","timestamp":"yesterday"}',
    '{"id":"u-6","name":"api_call"}',
    "[1,2]",
  ].join("\n");

  it("backfills an NDJSON file through ingestion once, naming each bad line and field", async () => {
    for (const meter of [
      { code: "calls", event_name: "api_call", aggregation: "count" },
      { code: "storage", event_name: "storage_used", aggregation: "sum", property: "gigabytes" },
    ]) {
      const created = await suite.tenant.admin.post("/v1/meters", {
        ...meter,
        name: meter.code,
        effective_from: "2026-01-01T00:00:00Z",
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const first = await runImportOf({ source: "usage", usage: { format: "ndjson", text: ndjson } });
    expect([first.run.usage_format, first.run.created, first.run.skipped, first.run.refused]).toEqual([
      "ndjson",
      3,
      0,
      4,
    ]);
    expect(first.records.map((record: LooseJson) => `${record.source_id} ${record.outcome}`)).toEqual([
      "line 1 created",
      "line 2 created",
      "line 4 created",
      "line 5 refused",
      "line 6 refused",
      "line 7 refused",
      "line 8 refused",
    ]);
    expect(first.records[0]).toMatchObject({ source_type: "events.ndjson", fairbill_id: "u-1" });
    expect(first.records.slice(3).map((record: LooseJson) => record.reason)).toEqual([
      expect.stringMatching(/^line 5: is not JSON/),
      expect.stringMatching(/^line 6, field timestamp: must be an RFC 3339 date and time/),
      expect.stringMatching(/^line 7, field customer: /),
      "line 8: must be one event, a JSON object",
    ]);
    expect(first.records[4].source_record).toMatchObject({ id: "u-5", timestamp: "yesterday" });

    const again = await runImportOf({ source: "usage", usage: { format: "ndjson", text: ndjson } });
    expect([again.run.created, again.run.skipped, again.run.refused]).toEqual([0, 3, 4]);
    expect(again.records[0].reason).toBe("event u-1 was stored before: counted once");
    const events = await suite.tenant.admin.get("/v1/events?customer=acme&limit=100");
    expect(events.body.data.map((event: LooseJson) => event.id).sort()).toEqual(["u-1", "u-2", "u-3"]);
  });

  it("backfills a CSV file with property columns, and refuses a dry run and an oversized file", async () => {
    const csv = [
      "id,customer,name,timestamp,properties.gigabytes",
      "u-3,acme,storage_used,2026-01-05T10:00:00Z,12.5",
      "u-7,acme,storage_used,2026-01-06T10:00:00Z,7.5",
      "u-8,acme,storage_used,2026-01-07T10:00:00Z",
      "u-9,acme,api_call,2026-13-01T00:00:00Z,",
    ].join("\n");
    const { run, records } = await runImportOf({ source: "usage", usage: { format: "csv", text: csv } });
    expect([run.created, run.skipped, run.refused]).toEqual([1, 1, 2]);
    expect(
      records.map((record: LooseJson) => `${record.source_id} ${record.outcome}: ${record.reason}`),
    ).toEqual([
      "line 2 skipped: event u-3 was stored before: counted once",
      "line 3 created: null",
      "line 4 refused: line 4: has 4 cells, and the header has 5",
      expect.stringMatching(/^line 5 refused: line 5, field timestamp: /),
    ]);
    const stored = (await suite.tenant.admin.get("/v1/events?customer=acme&limit=100")).body.data;
    expect(stored.find((event: LooseJson) => event.id === "u-7")?.properties).toEqual({ gigabytes: "7.5" });

    const header = await runImportOf({
      source: "usage",
      usage: { format: "csv", text: "id,customer,name,amount\nx,acme,api_call,1" },
    });
    expect(header.records.map((record: LooseJson) => record.reason)).toEqual([
      expect.stringMatching(/^line 1, field amount: is not a column of a usage file/),
    ]);
    const dryRun = await suite.tenant.admin.post("/v1/imports", {
      source: "usage",
      dry_run: true,
      usage: { format: "ndjson", text: ndjson },
    });
    expect(dryRun.status).toBe(400);
    expect(dryRun.body.errors).toEqual([expect.objectContaining({ path: "$.dry_run" })]);
    const oversized = await suite.tenant.admin.post("/v1/imports", {
      source: "usage",
      usage: { format: "ndjson", text: "{}\n".repeat(50_001) },
    });
    expect(oversized.status).toBe(400);
    expect(oversized.body.errors).toEqual([
      { path: "$.usage.text", message: "holds 50001 events; a file may hold at most 50000: split it" },
    ]);
    const both = await suite.tenant.admin.post("/v1/imports", {
      source: "usage",
      usage: { format: "ndjson", text: ndjson },
      csv: { object: "customers", text: "external_id\nx" },
    });
    expect(both.body.errors).toEqual([expect.objectContaining({ path: "$.csv" })]);
  });
});
