// Backtests through the API on the test clock: 200 customers billed for three
// months on a published plan, then a draft with every price 20% higher priced
// against those invoices. Its figures must match, customer by customer and
// line by line, what `fairbill simulate` gives for the same inputs (each
// customer's scenario: the meters, the draft as the plan, the subscription and
// the customer's events). Also: price overrides, populations, the CSV,
// cancellation, the 4xx answers, the audit trail and the webhook events.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { Charge } from "../../test/support/api-types.ts";
import { createMeter, createPlan, subscribeNewCustomer } from "../../test/support/builders.ts";
import { readEveryPage } from "../../test/support/paged-lists.ts";
import { expectProblem, expectRefusedNaming } from "../../test/support/responses.ts";
import { type LooseJson, testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";
import { type ScenarioOutput, simulateScenario } from "../simulation/index.ts";
import { runBacktest } from "./index.ts";

const run = promisify(execFile);

const suite = testAppForFile({ tenantName: "Backtest tests" });
let planId: string;
let draftVersionId: string;
let publishedVersionId: string;
const customerCount = 200;
const start = "2031-01-01T00:00:00Z";
const from = "2031-02-01T00:00:00Z";
const to = "2031-04-01T01:00:00Z";
/** Each customer's external id, Fairbill id and events. */
const customers: { externalId: string; id: string; events: ScenarioEvent[] }[] = [];

type ScenarioEvent = { id: string; name: string; timestamp: string; properties: Record<string, unknown> };

const meters = [
  { code: "calls", event_name: "api_call", aggregation: "count" },
  { code: "storage", event_name: "storage_used", aggregation: "sum", property: "gigabytes" },
] as const;
/** The plan's charges at the given prices: a base fee, calls each, and storage graduated after 10 GB with a flat fee. */
function chargesAt(prices: {
  base: string;
  call: string;
  firstTen: string;
  beyond: string;
  flatFee: string;
}) {
  return [
    { id: "base", type: "fixed", amount: prices.base },
    { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: prices.call },
    {
      id: "storage",
      type: "usage",
      meter: "storage",
      model: "graduated",
      tiers: [
        { up_to: "10", unit_price: prices.firstTen },
        { up_to: null, unit_price: prices.beyond, flat_fee: prices.flatFee },
      ],
    },
  ] satisfies Charge[];
}
const publishedCharges = chargesAt({
  base: "25.00",
  call: "0.05",
  firstTen: "1.00",
  beyond: "0.50",
  flatFee: "2.00",
});
/** Every price 20% higher. */
const draftCharges = chargesAt({
  base: "30.00",
  call: "0.06",
  firstTen: "1.20",
  beyond: "0.60",
  flatFee: "2.40",
});

/** The usage of customer `index` in month `month` (0 = January): varied, some months empty. */
function eventsOf(index: number, month: number): ScenarioEvent[] {
  const events: ScenarioEvent[] = [];
  const calls = (index * 7 + month * 3) % 13;
  for (let call = 0; call < calls; call++) {
    events.push({
      id: `c${index}-${month}-${call}`,
      name: "api_call",
      timestamp: `2031-0${month + 1}-${String((call % 25) + 2).padStart(2, "0")}T10:00:00Z`,
      properties: {},
    });
  }
  const uploads = (index + month) % 4;
  for (let upload = 0; upload < uploads; upload++) {
    events.push({
      id: `s${index}-${month}-${upload}`,
      name: "storage_used",
      timestamp: `2031-0${month + 1}-${String(upload * 6 + 3).padStart(2, "0")}T08:30:00Z`,
      properties: { gigabytes: ((index % 11) + upload * 2.5).toString() },
    });
  }
  return events;
}

async function ingest(events: (ScenarioEvent & { customer: string })[]): Promise<void> {
  for (let offset = 0; offset < events.length; offset += 1000) {
    const response = await suite.tenant.admin.post("/v1/events/batch?atomic=true", {
      events: events.slice(offset, offset + 1000),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }
}

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, start);
  for (const meter of meters) await createMeter(suite.tenant.admin, { ...meter, name: meter.code });
  planId = (
    await createPlan(suite.tenant.admin, {
      code: "standard",
      name: "Standard",
      version: { charges: publishedCharges },
    })
  ).id;
  publishedVersionId = (await suite.tenant.admin.get(`/v1/plans/${planId}/versions/1`)).body.id;
  const draft = await suite.tenant.admin.post(`/v1/plans/${planId}/versions`, { charges: draftCharges });
  expect(draft.status).toBe(201);
  draftVersionId = draft.body.id;

  for (let index = 0; index < customerCount; index++) {
    const externalId = `backtest-${index}`;
    const { customer } = await subscribeNewCustomer(suite.tenant.admin, planId, {
      customer: {
        external_id: externalId,
        currency: "USD",
        country: index % 2 === 0 ? "DE" : "FR",
        metadata: { tier: index % 3 === 0 ? "gold" : "silver" },
      },
      subscription: { start_at: start },
    });
    customers.push({ externalId, id: customer.id, events: [] });
  }
  for (const month of [0, 1, 2]) {
    await advanceTestClock(suite.tenant.admin, `2031-0${month + 1}-${month === 1 ? "28" : "31"}T23:00:00Z`);
    const events = customers.flatMap((customer, index) =>
      eventsOf(index, month).map((event) => {
        customer.events.push(event);
        return { ...event, customer: customer.externalId };
      }),
    );
    await ingest(events);
  }
  await advanceTestClock(suite.tenant.admin, to);
}, 600_000);

/** Creates a backtest, runs the queued jobs, and reads it back. */
async function backtest(body: Record<string, unknown>) {
  const created = await suite.tenant.admin.post("/v1/backtests", body);
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  expect(created.body.status).toBe("queued");
  await suite.testApp.runJobs();
  return (await suite.tenant.admin.get(`/v1/backtests/${created.body.id}`)).body;
}

function allInvoices(backtestId: string, query = ""): Promise<LooseJson[]> {
  return readEveryPage(suite.tenant.admin, `/v1/backtests/${backtestId}/invoices?limit=100${query}`);
}

function scenarioOf(customer: (typeof customers)[number], charges: unknown[]) {
  return {
    version: 1,
    currency: "USD",
    meters,
    plans: [{ code: "standard", interval: "month", charges }],
    subscription: { plan: "standard", start },
    events: customer.events,
    bill_until: "2031-04-01T00:00:00Z",
  };
}

/** What a line of the backtest and a line of the simulator share. */
function comparableLine(line: {
  charge?: string;
  charge_id?: string;
  kind: string;
  period_start: string;
  period_end: string;
  quantity: string;
  amount: string;
  details: Record<string, unknown>;
}) {
  return {
    charge: line.charge ?? line.charge_id,
    kind: line.kind,
    period_start: new Date(line.period_start).toISOString(),
    period_end: new Date(line.period_end).toISOString(),
    quantity: line.quantity,
    amount: line.amount,
    price: line.details.price ?? null,
    event_count: line.details.event_count ?? null,
    proration: line.details.proration ?? null,
  };
}

function simulatedInRange(output: ScenarioOutput) {
  return output.invoices.filter((invoice) => invoice.issued_at >= from && invoice.issued_at < to);
}

describe("a backtest of a draft with every price 20% higher, 200 customers over 3 months", () => {
  let result: LooseJson;
  let invoices: LooseJson[];

  beforeAll(async () => {
    result = await backtest({ plan_version_id: draftVersionId, from, to, reason: "price rise for 2031" });
    invoices = await allInvoices(result.id);
  }, 300_000);

  it("completes with every customer and invoice compared", () => {
    expect(result).toMatchObject({
      status: "completed",
      plan_id: planId,
      plan_version_id: draftVersionId,
      customers_total: customerCount,
      customers_done: customerCount,
      invoices_compared: customerCount * 3,
      reason: "price rise for 2031",
      failure: null,
    });
    expect(invoices).toHaveLength(customerCount * 3);
  });

  it("matches fairbill simulate customer by customer and line by line, as it would be and as billed", () => {
    for (const customer of customers) {
      const own = invoices.filter((invoice) => invoice.customer_id === customer.id);
      const wouldBe = simulateScenario(scenarioOf(customer, draftCharges));
      const billed = simulateScenario(scenarioOf(customer, publishedCharges));
      if (!wouldBe.ok || !billed.ok) throw new Error(JSON.stringify(wouldBe));
      const simulatedWouldBe = simulatedInRange(wouldBe.output);
      const simulatedBilled = simulatedInRange(billed.output);
      expect(own.map((invoice) => invoice.issued_at)).toEqual(
        simulatedWouldBe.map((invoice) => new Date(invoice.issued_at).toISOString()),
      );
      own.forEach((invoice, index) => {
        const simulated = simulatedWouldBe[index]!;
        const asBilled = simulatedBilled[index]!;
        expect(invoice.lines.map((line: LooseJson) => comparableLine({ ...line, ...line.would_be }))).toEqual(
          simulated.lines.map(comparableLine),
        );
        expect(invoice.lines.map((line: LooseJson) => comparableLine({ ...line, ...line.billed }))).toEqual(
          asBilled.lines.map(comparableLine),
        );
        expect(invoice.would_be_subtotal).toBe(simulated.subtotal);
        expect(invoice.billed_subtotal).toBe(asBilled.subtotal);
        expect(Number(invoice.difference)).toBeCloseTo(
          Number(simulated.subtotal) - Number(asBilled.subtotal),
          6,
        );
        for (const line of invoice.lines) {
          expect(Number(line.difference)).toBeCloseTo(
            Number(line.would_be.amount) - Number(line.billed.amount),
            6,
          );
        }
      });
    }
  });

  it("gives what the fairbill simulate command prints for a customer", async () => {
    const customer = customers[17]!;
    const folder = await mkdtemp(join(tmpdir(), "fairbill-backtest-"));
    try {
      const file = join(folder, "scenario.json");
      await writeFile(file, JSON.stringify(scenarioOf(customer, draftCharges)));
      const { stdout } = await run(process.execPath, ["bin/fairbill.js", "simulate", file]);
      const printed = JSON.parse(stdout) as ScenarioOutput;
      const own = invoices.filter((invoice) => invoice.customer_id === customer.id);
      expect(own.map((invoice) => invoice.would_be_subtotal)).toEqual(
        simulatedInRange(printed).map((invoice) => invoice.subtotal),
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("sums the revenue change, its distribution and the movers with the line driving each", () => {
    const [usd] = result.summary.currencies;
    const billed = invoices.reduce(
      (sum, invoice) => sum + Math.round(Number(invoice.billed_subtotal) * 100),
      0,
    );
    const wouldBe = invoices.reduce(
      (sum, invoice) => sum + Math.round(Number(invoice.would_be_subtotal) * 100),
      0,
    );
    expect(result.summary).toMatchObject({ customers: customerCount, invoices: customerCount * 3 });
    expect(usd).toMatchObject({
      currency: "USD",
      customers: customerCount,
      billed: (billed / 100).toFixed(2),
      would_be: (wouldBe / 100).toFixed(2),
      change: ((wouldBe - billed) / 100).toFixed(2),
      customers_paying_more: customerCount,
      customers_paying_less: 0,
      customers_unchanged: 0,
      largest_decreases: [],
    });
    // Every price is 20% higher, so is every customer's total, up to the cent's rounding.
    const histogram = Object.fromEntries(
      result.summary.histogram.map((bucket: LooseJson) => [bucket.label, bucket.customers]),
    );
    expect(histogram["10% to 20%"] + histogram["20% to 50%"]).toBe(customerCount);
    expect(Number(usd.change_percent)).toBeCloseTo(20, 1);
    const [first, second] = usd.largest_increases;
    expect(Number(first.change)).toBeGreaterThanOrEqual(Number(second.change));
    expect(first.driving_line).toMatchObject({ kind: expect.any(String), difference: expect.any(String) });
    const lines = invoices
      .filter((invoice) => invoice.customer_id === first.customer_id)
      .flatMap((invoice) => invoice.lines.map((line: LooseJson) => Math.abs(Number(line.difference))));
    expect(Math.abs(Number(first.driving_line.difference))).toBe(Math.max(...lines));
  });

  it("exports the invoices line by line as CSV", async () => {
    const response = await suite.tenant.admin.get(`/v1/backtests/${result.id}/csv`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    const rows = String(response.body).trim().split("\r\n");
    expect(rows[0]).toBe(
      "customer_id,invoice_id,invoice_number,issued_at,currency,subscription_id,charge_id,kind,period_start," +
        "period_end,billed_quantity,billed_amount,would_be_quantity,would_be_amount,difference",
    );
    const lineCount = invoices.reduce((sum, invoice) => sum + invoice.lines.length + 1, 0);
    expect(rows).toHaveLength(lineCount + 1);
    const first = invoices[0];
    expect(rows).toContain(
      [
        first.customer_id,
        first.invoice_id,
        first.invoice_number,
        first.issued_at,
        "USD",
        "",
        "",
        "subtotal",
        "",
        "",
        "",
        first.billed_subtotal,
        "",
        first.would_be_subtotal,
        first.difference,
      ].join(","),
    );
  });

  it("touched no real invoice", async () => {
    const customer = customers[3]!;
    const real = await suite.tenant.admin.get(`/v1/invoices?customer_id=${customer.id}&limit=100`);
    for (const invoice of real.body.data.filter((candidate: LooseJson) => candidate.issued_at >= from)) {
      const compared = invoices.find((entry) => entry.invoice_id === invoice.id);
      expect(invoice.subtotal).toBe(compared.billed_subtotal);
    }
  });

  it("is audited and announced at each step", async () => {
    const audit = await suite.tenant.admin.get(
      `/v1/audit-events?object_type=backtest&object_id=${result.id}&limit=100`,
    );
    expect(audit.body.data.map((entry: LooseJson) => entry.action).reverse()).toEqual([
      "backtest.created",
      "backtest.completed",
    ]);
    const events = await suite.tenant.admin.get("/v1/webhook-events?limit=100");
    const types = events.body.data
      .filter((event: LooseJson) => event.data.id === result.id)
      .map((event: LooseJson) => event.type)
      .reverse();
    expect(types).toEqual(["backtest.created", "backtest.completed"]);
  });
});

describe("populations and price overrides", () => {
  it("narrows to a segment by metadata, country and size, or to a list", async () => {
    const gold = await backtest({
      plan_version_id: draftVersionId,
      population: { metadata: { tier: "gold" }, country: "DE" },
      from,
      to,
    });
    const expected = customers.filter((_, index) => index % 3 === 0 && index % 2 === 0).length;
    expect(gold).toMatchObject({ status: "completed", customers_total: expected });

    const listed = await backtest({
      plan_version_id: draftVersionId,
      population: { customer_ids: [customers[1]!.id, customers[2]!.id], plan_version_id: publishedVersionId },
      from,
      to,
    });
    expect(listed).toMatchObject({ customers_total: 2, invoices_compared: 6 });

    const twenty = customers.slice(0, 20).map((customer) => customer.id);
    const large = await backtest({
      plan_version_id: draftVersionId,
      population: { customer_ids: twenty, billed_at_least: "100" },
      from,
      to,
    });
    const small = await backtest({
      plan_version_id: draftVersionId,
      population: { customer_ids: twenty, billed_below: "100" },
      from,
      to,
    });
    expect(large.customers_total + small.customers_total).toBe(20);
    expect(large.customers_total).toBeGreaterThan(0);
    expect(small.customers_total).toBeGreaterThan(0);
  }, 300_000);

  it("prices the plan's subscriptions with price overrides instead", async () => {
    const result = await backtest({
      plan_id: planId,
      price_overrides: [{ charge_id: "calls", override: { type: "unit_price", unit_price: "0.10" } }],
      population: { customer_ids: [customers[5]!.id] },
      from,
      to,
    });
    expect(result.status).toBe("completed");
    const invoices = await allInvoices(result.id);
    for (const invoice of invoices) {
      for (const line of invoice.lines) {
        if (line.charge_id === "calls") {
          expect(line.would_be.amount).toBe((Number(line.billed.amount) * 2).toFixed(2));
        } else {
          expect(line.difference).toBe("0.00");
        }
      }
    }
  });
});

describe("cancellation", () => {
  it("cancels a queued backtest at once, and refuses to cancel it twice", async () => {
    const created = await suite.tenant.admin.post("/v1/backtests", {
      plan_version_id: draftVersionId,
      from,
      to,
    });
    const canceled = await suite.tenant.admin.post(`/v1/backtests/${created.body.id}/cancel`, {
      reason: "wrong draft",
    });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ status: "canceled", cancel_requested_at: expect.any(String) });
    await suite.testApp.runJobs();
    expect((await suite.tenant.admin.get(`/v1/backtests/${created.body.id}`)).body.status).toBe("canceled");
    const again = await suite.tenant.admin.post(`/v1/backtests/${created.body.id}/cancel`, {});
    expectProblem(again, 409, "backtest_finished");
  });
});

describe("cancellation while running", () => {
  it("stops after the batch in hand when asked, keeping what it compared", async () => {
    const created = await suite.tenant.admin.post("/v1/backtests", {
      plan_version_id: draftVersionId,
      from,
      to,
    });
    const id = created.body.id;
    let batches = 0;
    const ended = await runBacktest(suite.tenant.context(), id, {
      batchSize: 50,
      onProgress: async () => {
        batches += 1;
        if (batches === 1)
          expect((await suite.tenant.admin.post(`/v1/backtests/${id}/cancel`, {})).status).toBe(200);
      },
    });
    expect(batches).toBe(1);
    expect(ended).toMatchObject({ status: "canceled", customers_total: customerCount, customers_done: 50 });
    expect(await allInvoices(id)).toHaveLength(150);
    await suite.testApp.runJobs();
    expect((await suite.tenant.admin.get(`/v1/backtests/${id}`)).body.status).toBe("canceled");
    const audit = await suite.tenant.admin.get(
      `/v1/audit-events?object_type=backtest&object_id=${id}&limit=100`,
    );
    expect(audit.body.data.map((entry: LooseJson) => entry.action).reverse()).toEqual([
      "backtest.created",
      "backtest.cancel_requested",
      "backtest.canceled",
    ]);
  });
});

describe("bad requests", () => {
  it("names the field of each problem", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ from, to }, "$.plan_version_id"],
      [{ plan_version_id: draftVersionId, plan_id: planId, from, to }, "$.plan_version_id"],
      [{ plan_version_id: "plv_missing", from, to }, "$.plan_version_id"],
      [{ plan_version_id: draftVersionId, from: to, to: from }, "$.to"],
      [{ plan_version_id: draftVersionId, from, to: "2040-01-01T00:00:00Z" }, "$.to"],
      [{ plan_id: planId, from, to }, "$.price_overrides"],
      [
        {
          plan_id: planId,
          price_overrides: [{ charge_id: "nope", override: { type: "amount", amount: "1" } }],
          from,
          to,
        },
        "$.price_overrides[0].charge_id",
      ],
      [
        {
          plan_id: planId,
          price_overrides: [{ charge_id: "base", override: { type: "unit_price", unit_price: "1" } }],
          from,
          to,
        },
        "$.price_overrides[0].override.type",
      ],
      [
        { plan_version_id: draftVersionId, population: { plan_version_id: "plv_other" }, from, to },
        "$.population.plan_version_id",
      ],
    ];
    for (const [body, path] of cases) {
      const response = await suite.tenant.admin.post("/v1/backtests", body);
      expectRefusedNaming(response, path, { label: JSON.stringify(body) });
    }
    expect((await suite.tenant.admin.get("/v1/backtests/btk_missing")).status).toBe(404);
  });

  it("needs catalog:write to run one and catalog:read to read", async () => {
    const viewer = await suite.tenant.client("viewer");
    expect((await viewer.post("/v1/backtests", { plan_version_id: draftVersionId, from, to })).status).toBe(
      403,
    );
    expect((await viewer.get("/v1/backtests")).status).toBe(200);
  });
});
