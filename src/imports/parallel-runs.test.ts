// Parallel runs through the API on the test clock: three customers on a
// plan with a fee, a per-call charge and a storage charge at 0.0125 per
// gigabyte since January 2031, their usage of January to March backfilled
// (Fairbill billed none of it). The old system's invoices for the same nine
// periods are uploaded as CSV and match except
// for two deliberate differences: the old system rounded customer 0's
// February storage (1001 GB, 12.5125) up to 12.52 where Fairbill rounds to
// 12.51, and it never billed customer 1's March calls. The run must find
// exactly those two, with their causes and amounts; a corrected file then
// matches to the cent, and both runs stay listed. Each run is a job: asked
// for, it is queued; the worker compares it with its progress in customers.
// Also: the 400s naming the row and column, a run that fails with its error,
// and a job that runs twice storing the run's invoices once.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createCustomer,
  createMeter,
  createPlan,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { expectRefusedAt } from "../../test/support/responses.ts";
import { type LooseJson, testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock } from "../../test/support/test-clock-api.ts";
import { Decimal } from "../core/index.ts";
import { fixedClock } from "../platform/clock.ts";
import { runParallelRun } from "./parallel-run-work.ts";

const suite = testAppForFile({ tenantName: "Parallel run tests" });
const customerCount = 3;
const months = [
  { start: "2031-01-01T00:00:00Z", end: "2031-02-01T00:00:00Z" },
  { start: "2031-02-01T00:00:00Z", end: "2031-03-01T00:00:00Z" },
  { start: "2031-03-01T00:00:00Z", end: "2031-04-01T00:00:00Z" },
];
const customerIds: string[] = [];

const callsOf = (customer: number, month: number) => 3 + customer + month;
/** Gigabytes stored: a multiple of 4 (whole cents at 0.0125) except customer 0's February. */
const gigabytesOf = (customer: number, month: number) =>
  customer === 0 && month === 1 ? 1001 : 400 + 40 * customer + 8 * month;

beforeAll(async () => {
  await suite.tenant.admin.post("/v1/test-clock", { frozen_at: months[0]?.start });
  for (const meter of [
    { code: "calls", event_name: "api_call", aggregation: "count" },
    { code: "storage", event_name: "storage_used", aggregation: "sum", property: "gigabytes" },
  ] as const) {
    await createMeter(suite.tenant.admin, { ...meter, name: meter.code });
  }
  const plan = await createPlan(suite.tenant.admin, {
    code: "standard",
    name: "Standard",
    version: {
      charges: [
        { id: "base", type: "fixed", amount: "25.00", timing: "in_arrears" },
        { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.05" },
        { id: "storage", type: "usage", meter: "storage", model: "per_unit", unit_price: "0.0125" },
      ],
    },
  });
  for (let customer = 0; customer < customerCount; customer++) {
    const { customer: created } = await subscribeNewCustomer(suite.tenant.admin, plan.id, {
      customer: { external_id: `old-${customer}`, currency: "USD" },
      subscription: { start_at: months[0]?.start },
    });
    customerIds.push(created.id);
  }
  // Fairbill is new here: it has billed none of these periods. The usage history is backfilled.
  await advanceTestClock(suite.tenant.admin, "2031-04-01T01:00:00Z");
  const events = [];
  for (const [month, period] of months.entries()) {
    for (let customer = 0; customer < customerCount; customer++) {
      for (let call = 0; call < callsOf(customer, month); call++)
        events.push({
          id: `call-${customer}-${month}-${call}`,
          name: "api_call",
          customer: `old-${customer}`,
          timestamp: `${period.start.slice(0, 8)}${String(call + 2).padStart(2, "0")}T10:00:00Z`,
          properties: {},
        });
      events.push({
        id: `storage-${customer}-${month}`,
        name: "storage_used",
        customer: `old-${customer}`,
        timestamp: `${period.start.slice(0, 8)}15T08:00:00Z`,
        properties: { gigabytes: String(gigabytesOf(customer, month)) },
      });
    }
  }
  const backfilled = await suite.tenant.admin.post("/v1/events/backfill?atomic=true", { events });
  expect(backfilled.status, JSON.stringify(backfilled.body)).toBe(200);
}, 300_000);

/** Asks for a run (202, queued), runs the queued jobs, and returns the run as it ended. */
async function parallelRun(body: Record<string, unknown>): Promise<LooseJson> {
  const created = await suite.tenant.admin.post("/v1/parallel-runs", body);
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  expect(created.body).toMatchObject({ status: "queued", customers_done: 0, invoices: 0 });
  await suite.testApp.runJobs();
  const ended = await suite.tenant.admin.get(`/v1/parallel-runs/${created.body.id}`);
  expect(ended.status).toBe(200);
  return ended.body;
}

const header =
  "customer_external_id,invoice_number,period_start,period_end,charge_code,description,quantity,unit_price,amount,tax,total";

/** The old system's file: its storage rounded up to the cent; with the two mistakes unless `corrected`. */
function oldInvoicesCsv(corrected: boolean): string {
  const rows = [header];
  for (let customer = 0; customer < customerCount; customer++) {
    for (const [month, period] of months.entries()) {
      const calls = callsOf(customer, month);
      const gigabytes = gigabytesOf(customer, month);
      const lines: [string, string, number, string, Decimal][] = [
        ["base", "Standard", 1, "25.00", new Decimal("25.00")],
        ["calls", "API calls", calls, "0.05", new Decimal(calls).times("0.05")],
        [
          "storage",
          "Storage",
          gigabytes,
          "0.0125",
          new Decimal(gigabytes)
            .times("0.0125")
            .toDecimalPlaces(2, corrected ? Decimal.ROUND_HALF_UP : Decimal.ROUND_UP),
        ],
      ];
      const billed = lines.filter(
        ([code]) => corrected || !(customer === 1 && month === 2 && code === "calls"),
      );
      const total = billed.reduce((sum, line) => sum.plus(line[4]), new Decimal(0));
      for (const [code, description, quantity, unitPrice, amount] of billed)
        rows.push(
          [
            `old-${customer}`,
            `OLD-${customer}-${month + 1}`,
            period.start,
            period.end,
            code,
            description,
            quantity,
            unitPrice,
            amount.toFixed(2),
            "0.00",
            total.toFixed(2),
          ].join(","),
        );
    }
  }
  return `${rows.join("\n")}\n`;
}

describe("a parallel run over three months", () => {
  let firstRun: LooseJson;

  it("finds exactly the two deliberate differences, with their causes and amounts", async () => {
    firstRun = await parallelRun({ old_invoices_csv: oldInvoicesCsv(false) });
    expect(firstRun).toMatchObject({
      status: "completed",
      customers_total: 3,
      customers_done: 3,
      failure: null,
      invoices: 9,
      matching: 7,
      matching_percent: "77.77",
    });
    expect(firstRun.currencies).toEqual([
      expect.objectContaining({
        currency: "USD",
        invoices: 9,
        matching: 7,
        revenue_at_stake: "0.31",
        causes: [
          { cause: "only_fairbill", lines: 1, difference: "0.30" },
          { cause: "rounding", lines: 1, difference: "-0.01" },
        ],
      }),
    ]);
    const differences = await suite.tenant.admin.get(`/v1/parallel-runs/${firstRun.id}/differences`);
    expect(differences.status).toBe(200);
    expect(differences.body.next_cursor).toBeNull();
    expect(
      differences.body.data.map((difference: LooseJson) => ({
        customer: difference.customer_external_id,
        invoice: difference.old_invoice_number,
        period_start: difference.period_start,
        charge: difference.charge_code,
        cause: difference.cause,
        old: difference.old?.amount ?? null,
        fairbill: difference.fairbill?.amount ?? null,
        difference: difference.difference,
      })),
    ).toEqual([
      {
        customer: "old-0",
        invoice: "OLD-0-2",
        period_start: "2031-02-01T00:00:00.000Z",
        charge: "storage",
        cause: "rounding",
        old: "12.52",
        fairbill: "12.51",
        difference: "-0.01",
      },
      {
        customer: "old-1",
        invoice: "OLD-1-3",
        period_start: "2031-03-01T00:00:00.000Z",
        charge: "calls",
        cause: "only_fairbill",
        old: null,
        fairbill: "0.30",
        difference: "0.30",
      },
    ]);
  });

  it("shows each customer's two invoices side by side", async () => {
    const invoices = await suite.tenant.admin.get(`/v1/parallel-runs/${firstRun.id}/invoices?limit=500`);
    expect(invoices.status).toBe(200);
    expect(invoices.body.data).toHaveLength(9);
    const differing = await suite.tenant.admin.get(`/v1/parallel-runs/${firstRun.id}/invoices?matches=false`);
    expect(differing.body.data.map((invoice: LooseJson) => invoice.old_invoice_number)).toEqual([
      "OLD-0-2",
      "OLD-1-3",
    ]);
    const february = invoices.body.data.find(
      (invoice: LooseJson) => invoice.old_invoice_number === "OLD-0-2",
    );
    expect(february).toMatchObject({
      customer_id: customerIds[0],
      fairbill_issued_at: "2031-03-01T00:00:00.000Z",
      old_total: "37.72",
      fairbill_total: "37.71",
      difference: "-0.01",
      matches: false,
    });
    expect(february.lines.map((line: LooseJson) => [line.charge_code, line.cause])).toEqual([
      ["base", null],
      ["calls", null],
      ["storage", "rounding"],
      ["tax", null],
    ]);
  });

  it("matches to the cent once the old side is corrected, and keeps both runs", async () => {
    const rerun = await parallelRun({ old_invoices_csv: oldInvoicesCsv(true) });
    expect(rerun).toMatchObject({
      status: "completed",
      invoices: 9,
      matching: 9,
      matching_percent: "100.00",
    });
    expect(rerun.currencies[0]).toMatchObject({ revenue_at_stake: "0.00", causes: [] });
    const runs = await suite.tenant.admin.get("/v1/parallel-runs");
    expect(
      runs.body.data.map((run: LooseJson) => [
        run.id,
        run.matching_percent,
        run.currencies[0].revenue_at_stake,
      ]),
    ).toEqual([
      [rerun.id, "100.00", "0.00"],
      [firstRun.id, "77.77", "0.31"],
    ]);
    const narrowed = await parallelRun({
      old_invoices_csv: oldInvoicesCsv(false),
      customer_external_ids: ["old-2"],
    });
    expect(narrowed).toMatchObject({ invoices: 3, matching: 3, customers_total: 1, customers_done: 1 });
  });

  it("answers a bad file with a 400 naming the row and column, and stores nothing", async () => {
    const before = (await suite.tenant.admin.get("/v1/parallel-runs?limit=100")).body.data.length;
    const unknown = `${header}\nold-9,X-1,2031-01-01T00:00:00Z,2031-02-01T00:00:00Z,base,Standard,1,25.00,25.00,0.00,25.00\n`;
    const future = `${header}\nold-0,X-2,2031-04-01T00:00:00Z,2031-05-01T00:00:00Z,base,Standard,1,25.00,25.00,0.00,25.00\n`;
    const wrongTotal = `${header}\nold-0,X-3,2031-01-01T00:00:00Z,2031-02-01T00:00:00Z,base,Standard,1,25.00,25.00,0.00,26.00\n`;
    const badAmount = `${header}\nold-0,X-4,2031-01-01T00:00:00Z,2031-02-01T00:00:00Z,base,Standard,1,25.00,lots,0.00,25.00\n`;
    for (const [file, message] of [
      [unknown, 'row 2, column customer_external_id: no customer has external id "old-9"'],
      [future, "row 2, column period_end: is still to come"],
      [wrongTotal, "row 2, column total: is 26, and the lines of invoice X-3 with their tax add up to 25.00"],
      [badAmount, "row 2, column amount:"],
    ] as const) {
      const response = await suite.tenant.admin.post("/v1/parallel-runs", { old_invoices_csv: file });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.errors[0].path).toBe("$.old_invoices_csv");
      expect(response.body.errors[0].message).toContain(message);
    }
    const notInFile = await suite.tenant.admin.post("/v1/parallel-runs", {
      old_invoices_csv: oldInvoicesCsv(true),
      customer_external_ids: ["old-7"],
    });
    expectRefusedAt(notInFile, "$.customer_external_ids[0]");
    expect((await suite.tenant.admin.get("/v1/parallel-runs?limit=100")).body.data).toHaveLength(before);
    expect((await suite.tenant.admin.get("/v1/parallel-runs/prl_missing")).status).toBe(404);
  });

  it("fails a run with the error when a customer's data changed after it was asked for", async () => {
    await createCustomer(suite.tenant.admin, { external_id: "old-lonely" });
    const file = `${header}\nold-lonely,L-1,2031-01-01T00:00:00Z,2031-02-01T00:00:00Z,base,Standard,1,25.00,25.00,0.00,25.00\n`;
    const failed = await parallelRun({ old_invoices_csv: file });
    expect(failed).toMatchObject({ status: "failed", invoices: 0 });
    expect(failed.failure).toContain(
      'row 2, column customer_external_id: customer "old-lonely" has no currency',
    );
    expect((await suite.tenant.admin.get(`/v1/parallel-runs/${failed.id}/invoices`)).body.data).toEqual([]);
  });

  it("stores a run's invoices once when its job runs twice", async () => {
    // The environment's test clock, as the job's context has it.
    const context = { ...suite.tenant.context(), clock: fixedClock(new Date("2031-04-01T01:00:00Z")) };
    const created = await suite.tenant.admin.post("/v1/parallel-runs", {
      old_invoices_csv: oldInvoicesCsv(false),
    });
    expect(created.status).toBe(202);
    // Two workers on the same run at once, as after a lease taken over: one stores it, the other finds it ended.
    const progress: number[] = [];
    const [first, second] = await Promise.all([
      runParallelRun(context, created.body.id, { onProgress: (step) => progress.push(step.customersDone) }),
      runParallelRun(context, created.body.id),
    ]);
    expect(first, first.failure ?? "").toMatchObject({ status: "completed", invoices: 9, matching: 7 });
    expect(second).toMatchObject({ status: "completed", invoices: 9, matching: 7 });
    expect(progress.at(-1)).toBe(3);
    // And a third time, as a queue delivering the job again: nothing changes.
    await suite.testApp.runJobs();
    expect(await runParallelRun(context, created.body.id)).toMatchObject({
      status: "completed",
      invoices: 9,
    });
    const invoices = await suite.tenant.admin.get(`/v1/parallel-runs/${created.body.id}/invoices?limit=500`);
    expect(invoices.body.data.map((invoice: LooseJson) => invoice.position)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });
});
