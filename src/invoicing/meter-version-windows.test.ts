// A meter that gets a new version in the middle of a billing period: the
// upcoming invoice, the bill run and billing a customer now count each event
// under the version in effect at its timestamp, as the usage API does, and
// combine the versions' events by the meter's aggregation. The new version
// never reaches back before its effective_from.
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanVersionBody, UsageEventBody } from "../../test/support/api-types.ts";
import { createMeter, createPlan, ingestEvents, subscribeNewCustomer } from "../../test/support/builders.ts";
import { expectCreated, expectOk } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";

const suite = testAppForFile({ tenantName: "Meter versions in a period" });

type Line = { kind: string; quantity: string; amount: string };
type Invoice = { id: string; issued_at: string; total: string; lines: Line[] };

const periodStart = "2030-01-01T00:00:00Z";
const periodEnd = "2030-02-01T00:00:00Z";
const versionFrom = "2030-01-15T00:00:00Z";

type Charge = NonNullable<PlanVersionBody["charges"]>[number];

type Case = {
  code: string;
  meter: Record<string, unknown>;
  /** The plan's usage charge on the meter; 1.00 a unit unless told. */
  charge?: Charge;
  /** The second version's changes, in effect from 15 January. */
  version: Record<string, unknown>;
  events: { timestamp: string; properties: Record<string, unknown> }[];
};

const cases = {
  // Under version 1 every call counts (Jan 5, Jan 10); under version 2 only eu calls (Jan 25).
  count: {
    code: "mv-calls",
    meter: { aggregation: "count" },
    version: { filters: { region: ["eu"] } },
    events: [
      { timestamp: "2030-01-05T00:00:00Z", properties: { region: "us" } },
      { timestamp: "2030-01-10T00:00:00Z", properties: { region: "eu" } },
      { timestamp: "2030-01-20T00:00:00Z", properties: { region: "us" } },
      { timestamp: "2030-01-25T00:00:00Z", properties: { region: "eu" } },
    ],
  },
  // Version 1 sums `tokens` (10), version 2 sums `billable` (40): 50.
  sum: {
    code: "mv-tokens",
    meter: { aggregation: "sum", property: "tokens" },
    version: { property: "billable" },
    events: [
      { timestamp: "2030-01-05T00:00:00Z", properties: { tokens: 10, billable: 4 } },
      { timestamp: "2030-01-20T00:00:00Z", properties: { tokens: 100, billable: 40 } },
    ],
  },
  // Version 1 takes every region (9 on Jan 5), version 2 only eu (5 on Jan 25; the 12 of Jan 20 is us): 9.
  max: {
    code: "mv-seats",
    meter: { aggregation: "max", property: "seats" },
    version: { filters: { region: ["eu"] } },
    events: [
      { timestamp: "2030-01-05T00:00:00Z", properties: { region: "us", seats: 9 } },
      { timestamp: "2030-01-20T00:00:00Z", properties: { region: "us", seats: 12 } },
      { timestamp: "2030-01-25T00:00:00Z", properties: { region: "eu", seats: 5 } },
    ],
  },
  // The latest event any version counts is the us one of Jan 12 (6); version 2 leaves out Jan 20 (us, 8).
  latest: {
    code: "mv-level",
    meter: { aggregation: "latest", property: "level" },
    version: { filters: { region: ["eu"] } },
    events: [
      { timestamp: "2030-01-05T00:00:00Z", properties: { region: "us", level: 7 } },
      { timestamp: "2030-01-10T00:00:00Z", properties: { region: "eu", level: 3 } },
      { timestamp: "2030-01-12T00:00:00Z", properties: { region: "us", level: 6 } },
      { timestamp: "2030-01-20T00:00:00Z", properties: { region: "us", level: 8 } },
    ],
  },
  // A price by model: gpt-4 at 2.00, any other model at 1.00. Version 1 counts gpt-4's 3 tokens of Jan 5 and
  // small's 5 of Jan 10; version 2 only eu: gpt-4's 2 of Jan 25 (its 7 of Jan 20 are us). 5 × 2.00 + 5 × 1.00.
  dimensional: {
    code: "mv-completions",
    meter: { aggregation: "sum", property: "tokens" },
    charge: {
      id: "usage",
      type: "usage",
      meter: "mv-completions",
      model: "dimensional",
      dimensions: ["model"],
      prices: [{ match: { model: "gpt-4" }, model: "per_unit", unit_price: "2.00" }],
      default: { model: "per_unit", unit_price: "1.00" },
    },
    version: { filters: { region: ["eu"] } },
    events: [
      { timestamp: "2030-01-05T00:00:00Z", properties: { region: "us", model: "gpt-4", tokens: 3 } },
      { timestamp: "2030-01-10T00:00:00Z", properties: { region: "us", model: "small", tokens: 5 } },
      { timestamp: "2030-01-20T00:00:00Z", properties: { region: "us", model: "gpt-4", tokens: 7 } },
      { timestamp: "2030-01-25T00:00:00Z", properties: { region: "eu", model: "gpt-4", tokens: 2 } },
    ],
  },
} satisfies Record<string, Case>;

type CaseName = keyof typeof cases;

/** Per case: the customer billed by the bill run, the one billed through the API, and the upcoming invoice on 26 January. */
const billed = new Map<
  CaseName,
  { meterId: string; customerId: string; externalId: string; nowCustomerId: string; upcoming?: Invoice }
>();

beforeAll(async () => {
  await freezeTestClock(suite.tenant.admin, periodStart);
  for (const [name, spec] of Object.entries(cases) as [CaseName, Case][]) {
    const meter = await createMeter(suite.tenant.admin, {
      code: spec.code,
      name: spec.code,
      event_name: spec.code,
      ...spec.meter,
      effective_from: "2029-12-01T00:00:00Z",
    });
    const plan = await createPlan(suite.tenant.admin, {
      code: `${spec.code}-plan`,
      version: {
        charges: [
          spec.charge ?? {
            id: "usage",
            type: "usage",
            meter: spec.code,
            model: "per_unit",
            unit_price: "1.00",
          },
        ],
      },
    });
    const subscribed = [] as { id: string; externalId: string }[];
    for (const suffix of ["run", "now"]) {
      const externalId = `${spec.code}-${suffix}`;
      const { customer } = await subscribeNewCustomer(suite.tenant.admin, plan.id, {
        customer: { external_id: externalId, timezone: "UTC" },
        subscription: { start_at: periodStart, billing: "calendar" },
      });
      subscribed.push({ id: customer.id, externalId });
    }
    billed.set(name, {
      meterId: meter.id,
      customerId: subscribed[0]!.id,
      externalId: subscribed[0]!.externalId,
      nowCustomerId: subscribed[1]!.id,
    });
  }
  await advanceTestClock(suite.tenant.admin, "2030-01-26T00:00:00Z");
  for (const [name, spec] of Object.entries(cases) as [CaseName, Case][]) {
    const entry = billed.get(name)!;
    const events: UsageEventBody[] = [];
    for (const suffix of ["run", "now"]) {
      for (const [index, event] of spec.events.entries()) {
        events.push({
          id: `${spec.code}-${suffix}-${index}`,
          customer: `${spec.code}-${suffix}`,
          name: spec.code,
          ...event,
        });
      }
    }
    await ingestEvents(suite.tenant.admin, events);
    await expectCreated(
      suite.tenant.admin.post(`/v1/meters/${entry.meterId}/versions`, {
        ...spec.version,
        effective_from: versionFrom,
      }),
    );
    entry.upcoming = await expectOk(
      suite.tenant.admin.get<Invoice>(`/v1/customers/${entry.customerId}/upcoming-invoice`),
    );
  }
  // Billing one customer of each case now, at the period's end; then the bill run bills the others.
  await freezeTestClock(suite.tenant.admin, "2030-02-01T00:00:01Z");
  for (const entry of billed.values()) {
    await expectOk(suite.tenant.admin.post(`/v1/customers/${entry.nowCustomerId}/bill`));
  }
  await advanceTestClock(suite.tenant.admin, "2030-02-01T00:00:02Z");
});

async function usageApiValue(name: CaseName): Promise<string> {
  const query = new URLSearchParams({
    customer: billed.get(name)!.externalId,
    meter: cases[name].code,
    from: periodStart,
    to: periodEnd,
  });
  const report = await expectOk(
    suite.tenant.admin.get<{ windows: { value: string }[] }>(`/v1/usage?${query.toString()}`),
  );
  return report.windows[0]!.value;
}

async function januaryInvoiceOf(customerId: string): Promise<Invoice> {
  const { data } = await expectOk(
    suite.tenant.admin.get<{ data: Invoice[] }>(`/v1/invoices?customer_id=${customerId}&limit=100`),
  );
  const invoice = data.find((candidate) => candidate.issued_at === "2030-02-01T00:00:00.000Z");
  expect(invoice, JSON.stringify(data)).toBeDefined();
  return invoice!;
}

/** The quantities of the invoice's usage lines (one per combination of a dimensional price), sorted. */
function usageQuantities(invoice: Invoice): string[] {
  return invoice.lines
    .filter((line) => line.kind === "usage")
    .map((line) => line.quantity)
    .sort();
}

describe("a meter version that takes effect inside the billed period", () => {
  it.each([
    { name: "count" as const, usage: "3", lines: ["3"], total: "3.00" },
    { name: "sum" as const, usage: "50", lines: ["50"], total: "50.00" },
    { name: "max" as const, usage: "9", lines: ["9"], total: "9.00" },
    { name: "latest" as const, usage: "6", lines: ["6"], total: "6.00" },
    { name: "dimensional" as const, usage: "10", lines: ["5", "5"], total: "15.00" },
  ])(
    "bills $name with each event under the version in effect at it, as the usage API counts ($usage)",
    async ({ name, usage, lines, total }) => {
      const entry = billed.get(name)!;
      expect(await usageApiValue(name)).toBe(usage);
      expect(usageQuantities(entry.upcoming!)).toEqual(lines);
      expect(entry.upcoming!.total).toBe(total);
      for (const customerId of [entry.customerId, entry.nowCustomerId]) {
        const invoice = await januaryInvoiceOf(customerId);
        expect(usageQuantities(invoice)).toEqual(lines);
        expect(invoice.total).toBe(total);
      }
    },
  );
});
