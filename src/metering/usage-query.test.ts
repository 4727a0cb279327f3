// Usage answered from the rollups must equal what the billing core computes
// from the raw events, for every aggregation, in windows of non-UTC time zones
// (a daylight-saving change, a zone offset by half an hour), with ranges that
// cut hours, and per group.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createCustomer,
  createMeter,
  createPlan,
  ingestEvents,
  subscribeNewCustomer,
} from "../../test/support/builders.ts";
import { invoiceIssuedAt } from "../../test/support/customer-invoices.ts";
import { expectOk, expectRefusedAt } from "../../test/support/responses.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import { advanceTestClock, freezeTestClock } from "../../test/support/test-clock-api.ts";
import type { Aggregation } from "../core/index.ts";
import { formatQuantity, UsageAccumulator, usageWindowKey } from "../core/index.ts";
import { toCoreMeter } from "./meter-definition.ts";

const suite = testAppForFile();

type SentEvent = {
  id: string;
  customer: string;
  name: string;
  timestamp: string;
  properties: Record<string, unknown>;
};

const aggregations: {
  code: string;
  aggregation: Aggregation;
  property: string | null;
  filters?: Record<string, string[]>;
}[] = [
  { code: "q-count", aggregation: "count", property: null },
  { code: "q-sum", aggregation: "sum", property: "value" },
  { code: "q-max", aggregation: "max", property: "value" },
  { code: "q-latest", aggregation: "latest", property: "value" },
  { code: "q-unique", aggregation: "unique_count", property: "user" },
  { code: "q-weighted", aggregation: "weighted_sum", property: "value" },
  // Filters decide which events count, in the rollups and in an hour's tail summed by the database alike.
  { code: "q-sum-filtered", aggregation: "sum", property: "value", filters: { region: ["eu"] } },
  { code: "q-count-filtered", aggregation: "count", property: null, filters: { region: ["us"] } },
];

const events: SentEvent[] = [];

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  return (bound: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % bound;
  };
}

beforeAll(async () => {
  for (const [customer, timezone] of [
    ["new-york", "America/New_York"],
    ["kolkata", "Asia/Kolkata"],
    ["berlin", "Europe/Berlin"],
  ]) {
    await createCustomer(suite.tenant.admin, { external_id: customer, timezone });
  }
  for (const meter of aggregations) {
    await createMeter(suite.tenant.admin, {
      code: meter.code,
      name: meter.code,
      event_name: "operation",
      aggregation: meter.aggregation,
      ...(meter.property === null ? {} : { property: meter.property }),
      ...(meter.filters === undefined ? {} : { filters: meter.filters }),
      group_by: ["region"],
      effective_from: "2026-01-01T00:00:00Z",
    });
  }
  const random = generator(7);
  const start = Date.parse("2026-03-05T00:00:00Z");
  const usedInstants = new Set<number>();
  for (let index = 0; index < 600; index++) {
    let instant = start + random(10 * 24 * 60) * 60_000 + random(60_000);
    while (usedInstants.has(instant)) instant += 1;
    usedInstants.add(instant);
    const customer = ["new-york", "kolkata", "berlin"][index % 3] as string;
    const region = ["eu", "us", undefined][random(3)];
    const magnitude = random(1000) - 300;
    // Numbers, numeric strings and decimals, as producers send them.
    const value = index % 4 === 0 ? String(magnitude) : index % 4 === 1 ? magnitude / 8 : magnitude;
    events.push({
      id: `query-${index}`,
      customer,
      name: "operation",
      timestamp: new Date(instant).toISOString(),
      properties: { value, user: `user-${random(25)}`, ...(region === undefined ? {} : { region }) },
    });
  }
  for (let offset = 0; offset < events.length; offset += 250) {
    const response = await suite.tenant.admin.post("/v1/events/backfill", {
      events: events.slice(offset, offset + 250),
    });
    expect(response.status).toBe(200);
    expect(response.body.rejected).toEqual([]);
  }
});

type UsageWindowAnswer = {
  start: string;
  end: string;
  group: Record<string, string | null> | null;
  value: string;
};

/** What the billing core computes for each window of an answer, from the raw events. */
function expectedValues(
  meter: (typeof aggregations)[number],
  customer: string,
  windows: UsageWindowAnswer[],
  region: string | null | undefined,
): string[] {
  const coreMeter = toCoreMeter(meter.code, {
    event_name: "operation",
    aggregation: meter.aggregation,
    property: meter.property,
    filters: meter.filters ?? {},
    group_by: ["region"],
  });
  const coreWindows = windows.map((window) => {
    const start = Date.parse(window.start);
    const end = Date.parse(window.end);
    return {
      key: usageWindowKey({ meterCode: meter.code }, start, end),
      meterCode: meter.code,
      start,
      end,
      fullPeriodStart: start,
      fullPeriodEnd: end,
    };
  });
  const accumulator = new UsageAccumulator({ meters: [coreMeter], windows: coreWindows, levelsStartAt: 0 });
  for (const [sequence, event] of events.entries()) {
    if (event.customer !== customer) continue;
    if (region !== undefined && (event.properties.region ?? null) !== region) continue;
    accumulator.add({ ...event, timestamp: Date.parse(event.timestamp) }, sequence);
  }
  const aggregates = accumulator.finish();
  return coreWindows.map((window) => formatQuantity(aggregates.get(window.key)!.quantity));
}

async function usage(query: Record<string, string>) {
  const response = await suite.tenant.admin.get(`/v1/usage?${new URLSearchParams(query).toString()}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { windows: UsageWindowAnswer[]; timezone: string; aggregation: string };
}

describe("usage queries", () => {
  const cases = [
    { customer: "new-york", window: "day", from: "2026-03-05T00:00:00Z", to: "2026-03-15T00:00:00Z" },
    { customer: "kolkata", window: "day", from: "2026-03-06T00:00:00Z", to: "2026-03-12T07:45:00Z" },
    { customer: "berlin", window: "hour", from: "2026-03-07T10:20:00Z", to: "2026-03-08T03:10:00Z" },
    { customer: "berlin", window: "month", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z" },
    { customer: "new-york", window: "none", from: "2026-03-06T13:37:00Z", to: "2026-03-13T02:00:00Z" },
  ];
  for (const meter of aggregations) {
    it(`${meter.code} (${meter.aggregation}) equals the billing core's aggregate in every window`, async () => {
      for (const query of cases) {
        const answer = await usage({ ...query, meter: meter.code });
        expect(answer.aggregation).toBe(meter.aggregation);
        expect(answer.windows.length).toBeGreaterThan(0);
        expect(
          answer.windows.map((window) => window.value),
          `${meter.code} ${JSON.stringify(query)}`,
        ).toEqual(expectedValues(meter, query.customer, answer.windows, undefined));

        const grouped = await usage({ ...query, meter: meter.code, group_by: "region" });
        for (const region of ["eu", "us", null]) {
          const windows = grouped.windows.filter((window) => window.group?.region === region);
          const counted = meter.filters === undefined || meter.filters.region?.includes(region as string);
          expect(windows.length, `${meter.code} group ${region}`).toBe(counted ? answer.windows.length : 0);
          expect(
            windows.map((window) => window.value),
            `${meter.code} ${JSON.stringify(query)} region ${region}`,
          ).toEqual(expectedValues(meter, query.customer, windows, region));
        }
      }
    });
  }

  it("sums the hour that `to` cuts from its rollup less the events after `to`, exactly", {
    timeout: 120_000,
  }, async () => {
    // `to` on an event, a millisecond either side of one, or anywhere: the hour's tail holds events, or none.
    const toInstant = fc.record({
      event: fc.nat({ max: events.length - 1 }),
      shift: fc.constantFrom(-1, 0, 1, 60_000, 1_234_567),
    });
    const property = fc.asyncProperty(
      toInstant,
      fc.constantFrom(...aggregations),
      fc.constantFrom("day", "none"),
      async ({ event, shift }, meter, window) => {
        const sent = events[event]!;
        const to = new Date(Date.parse(sent.timestamp) + shift).toISOString();
        const query = {
          customer: sent.customer,
          meter: meter.code,
          window,
          from: "2026-03-04T00:00:00Z",
          to,
        };
        const answer = await usage(query);
        expect(
          answer.windows.map((answered) => answered.value),
          JSON.stringify(query),
        ).toEqual(expectedValues(meter, sent.customer, answer.windows, undefined));
        const grouped = await usage({ ...query, group_by: "region" });
        for (const region of ["eu", "us", null]) {
          const windows = grouped.windows.filter((answered) => answered.group?.region === region);
          expect(
            windows.map((answered) => answered.value),
            `${JSON.stringify(query)} region ${region}`,
          ).toEqual(expectedValues(meter, sent.customer, windows, region));
        }
      },
    );
    await fc.assert(property, { numRuns: 60, endOnFailure: true });
  });

  it("cuts days at local midnight across a daylight-saving change, and at half hours in Kolkata", async () => {
    const newYork = await usage({
      customer: "new-york",
      meter: "q-count",
      window: "day",
      from: "2026-03-07T05:00:00Z",
      to: "2026-03-10T04:00:00Z",
    });
    expect(newYork.timezone).toBe("America/New_York");
    expect(newYork.windows.map((window) => [window.start, window.end])).toEqual([
      ["2026-03-07T05:00:00.000Z", "2026-03-08T05:00:00.000Z"],
      ["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"],
      ["2026-03-09T04:00:00.000Z", "2026-03-10T04:00:00.000Z"],
    ]);
    const kolkata = await usage({
      customer: "kolkata",
      meter: "q-sum",
      window: "day",
      from: "2026-03-06T18:30:00Z",
      to: "2026-03-08T18:30:00Z",
    });
    expect(kolkata.windows.map((window) => window.start)).toEqual([
      "2026-03-06T18:30:00.000Z",
      "2026-03-07T18:30:00.000Z",
    ]);
  });

  it("reads up to now when the range has no end", async () => {
    const before = Date.now();
    const upToNow = await suite.tenant.admin.get(
      "/v1/usage?customer=berlin&meter=q-count&from=2026-03-01T00:00:00Z",
    );
    const after = Date.now();
    expect(upToNow.status).toBe(200);
    expect(Date.parse(upToNow.body.to)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(upToNow.body.to)).toBeLessThanOrEqual(after);
    const sentToBerlin = events.filter(
      (event) => event.customer === "berlin" && event.timestamp >= "2026-03-01T00:00:00Z",
    );
    expect(upToNow.body.windows).toHaveLength(1);
    expect(upToNow.body.windows[0].event_count).toBe(sentToBerlin.length);
  });

  it.each([
    ["a period that ends before it starts", "from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "query.to"],
    [
      "too many hourly windows",
      "window=hour&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
      "query.window",
    ],
    [
      "an unknown dimension",
      "group_by=planet&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
      "query.group_by",
    ],
  ])("names the bad query field of %s", async (_case, query, path) => {
    const refused = await suite.tenant.admin.get(`/v1/usage?customer=berlin&meter=q-sum&${query}`);
    expectRefusedAt(refused, path);
  });

  it("answers 404 for an unknown customer or meter", async () => {
    const nobody = await suite.tenant.admin.get(
      "/v1/usage?customer=nobody&meter=q-sum&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
    );
    expect(nobody.status).toBe(404);
    const noMeter = await suite.tenant.admin.get(
      "/v1/usage?customer=berlin&meter=nothing&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
    );
    expect(noMeter.status).toBe(404);
  });
});

describe("latest among events that share a timestamp", () => {
  it("is the one the upcoming and the final invoice bill, also within one batch sent out of id order", async () => {
    const tenant = await suite.testApp.newTenant("latest ties");
    const client = tenant.admin;
    await freezeTestClock(client, "2026-01-01T00:00:00Z");
    await createMeter(client, {
      code: "seats",
      event_name: "seats",
      aggregation: "latest",
      property: "n",
      group_by: ["region"],
    });
    const plan = await createPlan(client, {
      version: {
        currency: "USD",
        charges: [{ id: "seats", type: "usage", meter: "seats", model: "per_unit", unit_price: "1.00" }],
      },
    });
    const { customer } = await subscribeNewCustomer(client, plan.id, {
      customer: { external_id: "gauge", timezone: "UTC" },
      subscription: { start_at: "2026-01-01T00:00:00Z", billing: "calendar" },
    });
    await freezeTestClock(client, "2026-01-20T00:00:00Z");
    // Three readings at one instant in one request: the store orders them by id, so "seats-b" (5) is the
    // last, though the request lists "seats-a" (7) after it and "seats-0" (9, another region) last.
    const reading = (id: string, region: string, n: number) => ({
      id,
      customer: "gauge",
      name: "seats",
      timestamp: "2026-01-10T08:00:00Z",
      properties: { n, region },
    });
    await ingestEvents(client, [
      reading("seats-b", "eu", 5),
      reading("seats-a", "eu", 7),
      reading("seats-0", "us", 9),
    ]);
    const perRegion = await expectOk(
      client.get<{ windows: UsageWindowAnswer[] }>(
        "/v1/usage?customer=gauge&meter=seats&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&group_by=region",
      ),
    );
    expect(perRegion.windows.map((window) => [window.group?.region, window.value])).toEqual([
      ["eu", "5"],
      ["us", "9"],
    ]);

    const usage = await expectOk(
      client.get<{ windows: UsageWindowAnswer[] }>(
        "/v1/usage?customer=gauge&meter=seats&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
      ),
    );
    const upcoming = await expectOk(
      client.get<{ lines: { charge_id: string; quantity: string }[] }>(
        `/v1/customers/${customer.id}/upcoming-invoice`,
      ),
    );
    await advanceTestClock(client, "2026-02-01T00:01:00Z");
    const issued = await invoiceIssuedAt(client, customer.id, "2026-02-01T00:00:00.000Z");
    const invoice = await expectOk(
      client.get<{ lines: { charge_id: string; quantity: string }[] }>(`/v1/invoices/${issued.id}`),
    );
    expect(usage.windows.map((window) => window.value)).toEqual(["5"]);
    expect(upcoming.lines.find((line) => line.charge_id === "seats")?.quantity).toBe("5");
    expect(invoice.lines.find((line) => line.charge_id === "seats")?.quantity).toBe("5");
  });
});
