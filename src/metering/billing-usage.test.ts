// Billing usage read from the store must equal what the billing core's
// UsageAccumulator computes from the same stored events, each read by the
// meter version in effect at its timestamp, exactly: random meters (all six
// aggregations, filters, dimensions, a later version that counts
// differently), random events (numbers, decimals, numeric strings,
// unreadable values, tied timestamps, events on window boundaries, amended
// and voided ones), and random windows (local days across the New York
// daylight-saving change, Kolkata's half-hour offset, cuts in the middle of an
// hour, gaps, percentage charges with and without per-transaction bounds).
import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createMeter } from "../../test/support/builders.ts";
import { testAppForFile } from "../../test/support/test-app.ts";
import type { Instant } from "../core/index.ts";
import {
  type Aggregation,
  BillingInputError,
  Decimal,
  localDate,
  type Meter,
  type MeterDefinitionSpan,
  type PercentagePricing,
  startOfLocalDate,
  UsageAccumulator,
  type UsageAggregates,
  type UsageWindow,
  usageWindowKey,
} from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import { engineMetersFor, usageForManyWindows, usageForWindows } from "./billing-usage.ts";
import { planMeterUsage } from "./billing-usage-plan.ts";
import { forEachRawEvent } from "./billing-usage-reads.ts";
import { loadMeterVersions } from "./meter-versions.ts";
import type { EventProperties } from "./tables.ts";

const suite = testAppForFile();
let scope: TenantScope;

beforeAll(async () => {
  scope = {
    organizationId: suite.tenant.organization.id,
    environmentId: suite.tenant.organization.environments.test,
  };
});

const hour = 3_600_000;
const day = 24 * hour;
const aggregations: Aggregation[] = ["count", "sum", "max", "latest", "unique_count", "weighted_sum"];

type MeterSpec = {
  aggregation: Aggregation;
  eventName: string;
  regions: string[] | undefined;
  tiers: (string | number)[] | undefined;
  groupBy: string[];
  effectiveFromHours: number;
  version: { afterMinutes: number; change: "filter" | "group_by" | "aggregation" } | undefined;
};

/** Undefined most of the time, so that filters and versions narrow some runs without emptying most. */
function sometimes<Value>(arbitrary: fc.Arbitrary<Value>, weight: number): fc.Arbitrary<Value | undefined> {
  return fc.oneof({ weight: 10 - weight, arbitrary: fc.constant(undefined) }, { weight, arbitrary });
}

const meterSpec: fc.Arbitrary<MeterSpec> = fc.record({
  aggregation: fc.constantFrom(...aggregations),
  eventName: fc.constantFrom("call", "store"),
  regions: sometimes(fc.subarray(["eu", "us", "ap"], { minLength: 1 }), 3),
  tiers: sometimes(fc.subarray<string | number>([1, "2.0", 3], { minLength: 1 }), 2),
  groupBy: fc.constantFrom([], ["region"], ["tier", "region"]),
  // Some events come before the meter exists (no rollups there).
  effectiveFromHours: fc.integer({ min: -120, max: 72 }),
  version: sometimes(
    fc.record({
      afterMinutes: fc.integer({ min: 1, max: 20 * 24 * 60 }),
      change: fc.constantFrom("filter" as const, "group_by" as const, "aggregation" as const),
    }),
    4,
  ),
});

type Segment = { days: number } | { minutes: number; milliseconds: number };

const windowsSpec = fc.record({
  zone: fc.constantFrom("America/New_York", "Asia/Kolkata", "UTC"),
  // From 2026-03-01: New York changes its clocks on 2026-03-08.
  startDay: fc.integer({ min: 0, max: 12 }),
  segments: fc.array(
    fc.oneof(
      fc.record({ days: fc.integer({ min: 1, max: 9 }) }),
      fc.record({
        minutes: fc.integer({ min: 1, max: 4 * 24 * 60 }),
        milliseconds: fc.integer({ min: 0, max: 59_999 }),
      }),
    ),
    { minLength: 1, maxLength: 4 },
  ),
  gaps: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  fullPeriodExtraDays: fc.integer({ min: 0, max: 4 }),
  levelsStart: fc.oneof(
    fc.constant({ kind: "first-window" as const }),
    fc.record({ kind: fc.constant("before" as const), minutes: fc.integer({ min: 1, max: 3 * 24 * 60 }) }),
    fc.record({ kind: fc.constant("inside" as const), minutes: fc.integer({ min: 1, max: 2 * 24 * 60 }) }),
  ),
  percentage: fc.array(
    fc.record({
      rate: fc.constantFrom("2.9", "10", "0.5"),
      fixedFee: fc.constantFrom("0", "0.30"),
      perTransactionMin: fc.option(fc.constantFrom("0.50", "3"), { nil: undefined }),
      perTransactionMax: fc.option(fc.constantFrom("20", "45.5"), { nil: undefined }),
    }),
    { maxLength: 2 },
  ),
});

/** A fraction of a range, spread evenly (a double would crowd the ends). */
const share = fc.integer({ min: 0, max: 1_000_000 }).map((millionths) => millionths / 1_000_000);

const propertyValue = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: -50, max: 500 }) },
  { weight: 6, arbitrary: fc.integer({ min: -400, max: 4000 }).map((eighths) => eighths / 8) },
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 999 }).map(String) },
  { weight: 3, arbitrary: fc.constantFrom("12.50", "0.125", "1e2") },
  // Unreadable for a numeric meter: refused at ingestion where one counts the event.
  { weight: 1, arbitrary: fc.constantFrom(undefined, "many", true) },
);

const eventSpec = fc.record({
  name: fc.constantFrom("call", "store"),
  time: fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("free" as const), share }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("in-window" as const), index: fc.nat(), share }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("boundary" as const),
        index: fc.nat(),
        delta: fc.constantFrom(-1, 0, 1),
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("tie" as const), index: fc.nat() }) },
  ),
  value: propertyValue,
  user: fc.constantFrom("u1", "u2", "u3", 7, "7", "7.0", undefined),
  region: fc.constantFrom("eu", "us", "ap", undefined),
  tier: fc.constantFrom(1, "1", "2.0", 3, undefined),
});

const correctionSpec = fc.record({
  kind: fc.constantFrom("void" as const, "amend" as const),
  index: fc.nat(),
  value: propertyValue,
  shiftMinutes: fc.option(fc.integer({ min: -180, max: 180 }), { nil: undefined }),
});

const scenario = fc.record({
  meters: fc.array(meterSpec, { minLength: 1, maxLength: 3 }),
  windows: windowsSpec,
  events: fc.array(eventSpec, { minLength: 20, maxLength: 150, size: "max" }),
  corrections: fc.array(correctionSpec, { maxLength: 3 }),
  versionsBeforeEvents: fc.boolean(),
  firstRequestShare: share,
  billedAtShare: share,
  /** Bill one meter with a definition no stored version has: all of it from raw events. */
  unstoredFilter: fc.boolean(),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer Value> ? Value : never;

let runNumber = 0;

function pricingOf(spec: Scenario["windows"]["percentage"][number]): PercentagePricing {
  return {
    model: "percentage",
    rate: new Decimal(spec.rate),
    fixedFee: new Decimal(spec.fixedFee),
    ...(spec.perTransactionMin === undefined
      ? {}
      : { perTransactionMin: new Decimal(spec.perTransactionMin) }),
    ...(spec.perTransactionMax === undefined
      ? {}
      : { perTransactionMax: new Decimal(spec.perTransactionMax) }),
  };
}

/** Consecutive segments from a local midnight: whole local days, or any length (a cut mid-hour). */
function segmentsOf(spec: Scenario["windows"]): { start: Instant; end: Instant; counted: boolean }[] {
  const firstDate = localDate(Date.parse("2026-03-01T12:00:00Z"), "UTC").add({ days: spec.startDay });
  let start = startOfLocalDate(firstDate, spec.zone);
  return spec.segments.map((segment: Segment, index) => {
    const end =
      "days" in segment
        ? startOfLocalDate(localDate(start, spec.zone).add({ days: segment.days }), spec.zone)
        : start + segment.minutes * 60_000 + segment.milliseconds;
    const result = { start, end, counted: !spec.gaps[index] || spec.segments.length === 1 };
    start = end;
    return result;
  });
}

/** Event names of one run, so that one run's meters never count (or recount) another run's events. */
function eventNameOf(name: string, run: number): string {
  return `${name}-${run}`;
}

function definitionOf(spec: MeterSpec, run: number) {
  const filters: Record<string, (string | number)[]> = {};
  if (spec.regions !== undefined) filters.region = spec.regions;
  if (spec.tiers !== undefined) filters.tier = spec.tiers;
  return {
    event_name: eventNameOf(spec.eventName, run),
    aggregation: spec.aggregation,
    ...(spec.aggregation === "count"
      ? {}
      : { property: spec.aggregation === "unique_count" ? "user" : "value" }),
    filters,
    group_by: spec.groupBy,
  };
}

function changedDefinition(spec: MeterSpec, change: "filter" | "group_by" | "aggregation", run: number) {
  const definition = definitionOf(spec, run);
  if (change === "group_by") return { group_by: spec.groupBy.length === 0 ? ["region"] : [] };
  if (change === "filter") {
    return { filters: { ...definition.filters, region: spec.regions?.includes("eu") ? ["us"] : ["eu"] } };
  }
  const aggregation: Aggregation =
    spec.aggregation === "sum" ? "max" : spec.aggregation === "count" ? "unique_count" : "sum";
  return { aggregation, property: aggregation === "unique_count" ? "user" : "value" };
}

/** The customer's stored events as the core reads them, in the store's order. */
async function storedEvents(customer: string) {
  const { rows } = await sql<{ id: string; name: string; occurred_at: Date; properties: EventProperties }>`
    select id, name, occurred_at, properties from events
    where environment_id = ${scope.environmentId} and customer_external_id = ${customer} and voided_at is null
    order by occurred_at, received_at, id`.execute(suite.testApp.handle.database);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    timestamp: row.occurred_at.getTime(),
    properties: row.properties,
  }));
}

/**
 * The stored versions of these meters as the core reads a meter's history:
 * each version over the instants it is in effect, the first one also before.
 */
async function storedHistories(codes: readonly string[]): Promise<Map<string, MeterDefinitionSpan[]>> {
  const histories = new Map<string, MeterDefinitionSpan[]>();
  for (const version of await loadMeterVersions(suite.testApp.handle.database, scope)) {
    if (!codes.includes(version.code)) continue;
    const history = histories.get(version.code) ?? [];
    const from = history.length === 0 ? Number.NEGATIVE_INFINITY : version.effectiveFrom;
    history.push({ from, until: version.effectiveUntil, meter: version.coreMeter });
    histories.set(version.code, history);
  }
  return histories;
}

function coreAggregates(
  meters: Iterable<Meter>,
  windows: readonly UsageWindow[],
  levelsStartAt: Instant,
  events: Awaited<ReturnType<typeof storedEvents>>,
  histories: ReadonlyMap<string, readonly MeterDefinitionSpan[]> = new Map(),
): UsageAggregates {
  const accumulator = new UsageAccumulator({ meters, windows, levelsStartAt, histories });
  for (const [sequence, event] of events.entries()) accumulator.add(event, sequence);
  return accumulator.finish();
}

function expectSameAggregates(actual: UsageAggregates, expected: UsageAggregates, label: string): void {
  expect([...actual.keys()].sort(), label).toEqual([...expected.keys()].sort());
  for (const [key, wanted] of expected) {
    const got = actual.get(key)!;
    const where = `${label} ${key}`;
    expect(
      got.quantity.equals(wanted.quantity),
      `${where}: quantity ${got.quantity} ≠ ${wanted.quantity}`,
    ).toBe(true);
    expect(got.eventCount, `${where}: event count`).toBe(wanted.eventCount);
    expect(got.quantityIsInexact, `${where}: inexact`).toBe(wanted.quantityIsInexact);
    expect(got.transactionFees === undefined, `${where}: fees present`).toBe(
      wanted.transactionFees === undefined,
    );
    if (wanted.transactionFees !== undefined) {
      expect(
        got.transactionFees!.equals(wanted.transactionFees),
        `${where}: fees ${got.transactionFees} ≠ ${wanted.transactionFees}`,
      ).toBe(true);
    }
  }
}

async function runScenario(input: Scenario): Promise<void> {
  const run = ++runNumber;
  const customer = `billing-usage-${run}`;
  await createCustomer(suite.tenant.admin, { external_id: customer, timezone: input.windows.zone });
  const segments = segmentsOf(input.windows);
  const firstStart = segments[0]!.start;
  const lastEnd = segments.at(-1)!.end;
  const span = { from: firstStart - 3 * day, to: lastEnd + day };

  // Meters, and later versions that count differently from some instant on.
  const meterCodes: string[] = [];
  const versionInstants: Instant[] = [];
  const createVersions: (() => Promise<void>)[] = [];
  for (const [index, spec] of input.meters.entries()) {
    const code = `bu-${run}-${index}`;
    meterCodes.push(code);
    const created = await createMeter(suite.tenant.admin, {
      code,
      name: code,
      ...definitionOf(spec, run),
      effective_from: new Date(firstStart + spec.effectiveFromHours * hour).toISOString(),
    });
    const version = spec.version;
    if (version !== undefined) {
      const at =
        Math.max(firstStart + spec.effectiveFromHours * hour, firstStart) + version.afterMinutes * 60_000;
      versionInstants.push(at);
      createVersions.push(async () => {
        const response = await suite.tenant.admin.post(`/v1/meters/${created.id}/versions`, {
          ...changedDefinition(spec, version.change, run),
          effective_from: new Date(at).toISOString(),
        });
        // A definition that stored events cannot satisfy is refused (409); the meter keeps its version.
        expect([201, 409], JSON.stringify(response.body)).toContain(response.status);
      });
    }
  }
  if (input.versionsBeforeEvents) for (const create of createVersions) await create();

  // Windows: every counted segment of every meter, plus percentage charges on numeric meters.
  const levelsStartAt =
    input.windows.levelsStart.kind === "first-window"
      ? firstStart
      : input.windows.levelsStart.kind === "before"
        ? firstStart - input.windows.levelsStart.minutes * 60_000
        : firstStart + input.windows.levelsStart.minutes * 60_000;
  const fullPeriodStart = firstStart;
  const fullPeriodEnd = startOfLocalDate(
    localDate(lastEnd - 1, input.windows.zone).add({ days: 1 + input.windows.fullPeriodExtraDays }),
    input.windows.zone,
  );

  // Events: anywhere around the windows, on boundaries (and a millisecond either side), and on tied instants.
  const boundaries = [
    ...segments.flatMap((segment) => [segment.start, segment.end]),
    levelsStartAt,
    ...versionInstants,
  ];
  const timestamps: Instant[] = [];
  const events = input.events.map((spec, index) => {
    let timestamp: Instant;
    if (spec.time.kind === "free")
      timestamp = Math.floor(span.from + spec.time.share * (span.to - span.from));
    else if (spec.time.kind === "in-window") {
      const segment = segments[spec.time.index % segments.length]!;
      timestamp = Math.floor(segment.start + spec.time.share * (segment.end - segment.start));
    } else if (spec.time.kind === "boundary") {
      timestamp = boundaries[spec.time.index % boundaries.length]! + spec.time.delta;
    } else {
      timestamp = timestamps[spec.time.index % Math.max(1, timestamps.length)] ?? span.from;
    }
    timestamps.push(timestamp);
    const properties: Record<string, unknown> = {};
    if (spec.value !== undefined) properties.value = spec.value;
    if (spec.user !== undefined) properties.user = spec.user;
    if (spec.region !== undefined) properties.region = spec.region;
    if (spec.tier !== undefined) properties.tier = spec.tier;
    return {
      // Ids out of timestamp order, so that ties are not settled by luck.
      id: `${customer}-${(index * 7919) % 1009}-${index}`,
      customer,
      name: eventNameOf(spec.name, run),
      timestamp: new Date(timestamp).toISOString(),
      properties,
    };
  });
  // Two requests: the second one's events are received later, which settles their ties with the first's.
  const split = Math.floor(input.firstRequestShare * events.length);
  const rejectedIds = new Set<string>();
  for (const batch of [events.slice(0, split), events.slice(split)]) {
    if (batch.length === 0) continue;
    const ingested = await suite.tenant.admin.post("/v1/events/backfill", { events: batch });
    expect(ingested.status, JSON.stringify(ingested.body)).toBe(200);
    for (const rejected of ingested.body.rejected as { id: string }[]) rejectedIds.add(rejected.id);
  }
  const acceptedIds = events.map((event) => event.id).filter((id) => !rejectedIds.has(id));
  for (const correction of input.corrections) {
    const id = acceptedIds[correction.index % Math.max(1, acceptedIds.length)];
    if (id === undefined) break;
    const original = events.find((event) => event.id === id)!;
    const response =
      correction.kind === "void"
        ? await suite.tenant.admin.post(`/v1/events/${id}/void`, { reason: "test" })
        : await suite.tenant.admin.post(`/v1/events/${id}/amend`, {
            reason: "test",
            properties: { ...original.properties, value: correction.value ?? 1 },
            ...(correction.shiftMinutes === undefined
              ? {}
              : {
                  timestamp: new Date(
                    Date.parse(original.timestamp) + correction.shiftMinutes * 60_000,
                  ).toISOString(),
                }),
          });
    // An amendment a meter cannot read is refused; the event stays as it was.
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
  }
  if (!input.versionsBeforeEvents) for (const create of createVersions) await create();

  const billedAt = Math.floor(firstStart + input.billedAtShare * (lastEnd + day - firstStart));
  const meters = await engineMetersFor(suite.testApp.handle.database, scope, meterCodes, billedAt);
  expect([...meters.keys()].sort()).toEqual([...meterCodes].sort());
  // Each stored meter reads each event by its version in effect; a definition no version has, by itself.
  const unstoredCode = input.unstoredFilter ? [...meters.keys()][0] : undefined;
  if (unstoredCode !== undefined) {
    const meter = meters.get(unstoredCode)!;
    meters.set(unstoredCode, {
      ...meter,
      filters: [...meter.filters, { property: "region", acceptedValues: ["us", "ap"] }],
    });
  }
  const histories = await storedHistories(meterCodes.filter((code) => code !== unstoredCode));

  const windows: UsageWindow[] = [];
  for (const meter of meters.values()) {
    const numeric = meter.aggregation !== "count" && meter.aggregation !== "unique_count";
    for (const segment of segments) {
      if (!segment.counted) continue;
      const period = { fullPeriodStart, fullPeriodEnd, start: segment.start, end: segment.end };
      windows.push({
        key: usageWindowKey({ meterCode: meter.code }, segment.start, segment.end),
        meterCode: meter.code,
        ...period,
      });
      if (!numeric) continue;
      for (const [chargeIndex, pricing] of input.windows.percentage.entries()) {
        const source = { planCode: "plv_test", chargeId: `${meter.code}-fee-${chargeIndex}` };
        windows.push({
          key: usageWindowKey(source, segment.start, segment.end),
          meterCode: meter.code,
          ...period,
          transactionPricing: pricingOf(pricing),
        });
      }
    }
  }

  const expected = coreAggregates(
    meters.values(),
    windows,
    levelsStartAt,
    await storedEvents(customer),
    histories,
  );
  const request = { customerExternalId: customer, windows, meters, levelsStartAt };
  const actual = await usageForWindows(suite.testApp.handle.database, scope, request);
  expectSameAggregates(actual, expected, `run ${run} (${customer})`);
  // Read among other customers' requests (one query for all their rollups), the same answer for each.
  const nobody = { ...request, customerExternalId: `${customer}-nobody` };
  const [alone, among, again] = await usageForManyWindows(suite.testApp.handle.database, scope, [
    nobody,
    request,
    { ...request, windows: windows.slice(0, 1) },
  ]);
  expectSameAggregates(
    alone!,
    await usageForWindows(suite.testApp.handle.database, scope, nobody),
    `run ${run}`,
  );
  expectSameAggregates(among!, expected, `run ${run} (${customer}) among others`);
  const firstKey = windows[0]?.key;
  expect([...again!.keys()]).toEqual(firstKey === undefined ? [] : [firstKey]);
  if (firstKey !== undefined) expect(again!.get(firstKey)).toEqual(expected.get(firstKey));
}

describe("usageForWindows", () => {
  it("equals the billing core's accumulator on the same stored events", { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(scenario, runScenario), { numRuns: 30, endOnFailure: true });
  });

  it("answers whole days from the rollups and cut hours from events, across New York's clock change", async () => {
    const customer = "billing-usage-dst";
    await createCustomer(suite.tenant.admin, { external_id: customer, timezone: "America/New_York" });
    await createMeter(suite.tenant.admin, {
      code: "dst-sum",
      name: "dst-sum",
      event_name: "dst",
      aggregation: "sum",
      property: "value",
      effective_from: "2026-03-01T00:00:00Z",
    });
    const events = [
      ["2026-03-07T12:00:00.000Z", 5],
      ["2026-03-08T06:59:59.999Z", 7],
      ["2026-03-08T07:00:00.000Z", 11],
      ["2026-03-08T07:29:59.999Z", 13],
      ["2026-03-08T07:30:00.000Z", 17],
      ["2026-03-09T03:59:59.999Z", 19],
      ["2026-03-09T04:00:00.000Z", 23],
    ].map(([timestamp, value], index) => ({
      id: `dst-${index}`,
      customer,
      name: "dst",
      timestamp,
      properties: { value },
    }));
    expect((await suite.tenant.admin.post("/v1/events/backfill", { events })).status).toBe(200);
    const meters = await engineMetersFor(
      suite.testApp.handle.database,
      scope,
      ["dst-sum", "no-such-meter"],
      Date.now(),
    );
    expect([...meters.keys()]).toEqual(["dst-sum"]);
    // March 8 in New York is 23 hours long: 05:00Z to 04:00Z the next day; a plan change at 07:30Z cuts an hour.
    const cuts = ["2026-03-08T05:00:00Z", "2026-03-08T07:30:00Z", "2026-03-09T04:00:00Z"].map(Date.parse);
    const windows = [
      { start: cuts[0]!, end: cuts[1]! },
      { start: cuts[1]!, end: cuts[2]! },
    ].map(({ start, end }) => ({
      key: usageWindowKey({ meterCode: "dst-sum" }, start, end),
      meterCode: "dst-sum",
      start,
      end,
      fullPeriodStart: cuts[0]!,
      fullPeriodEnd: cuts[2]!,
    }));
    const usage = await usageForWindows(suite.testApp.handle.database, scope, {
      customerExternalId: customer,
      windows,
      meters,
      levelsStartAt: cuts[0]!,
    });
    expect(windows.map((window) => usage.get(window.key)?.quantity.toFixed())).toEqual(["31", "36"]);
    expect(windows.map((window) => usage.get(window.key)?.eventCount)).toEqual([3, 2]);
    // Through the caller's transaction, the same answer.
    const inTransaction = await suite.testApp.handle.database.transaction().execute((transaction) =>
      usageForWindows(transaction, scope, {
        customerExternalId: customer,
        windows,
        meters,
        levelsStartAt: cuts[0]!,
      }),
    );
    expect(inTransaction).toEqual(usage);
  });

  it("takes the last event in the store's order among those sharing the latest timestamp", async () => {
    const customer = "billing-usage-ties";
    await createCustomer(suite.tenant.admin, { external_id: customer, timezone: "UTC" });
    await createMeter(suite.tenant.admin, {
      code: "tie-latest",
      name: "tie-latest",
      event_name: "tie",
      aggregation: "latest",
      property: "value",
      group_by: ["region"],
      effective_from: "2026-03-01T00:00:00Z",
    });
    await createMeter(suite.tenant.admin, {
      code: "tie-unique",
      name: "tie-unique",
      event_name: "tie",
      aggregation: "unique_count",
      property: "user",
      effective_from: "2026-03-01T00:00:00Z",
    });
    const event = (id: string, timestamp: string, value: number, region: string, user: unknown) => ({
      id,
      customer,
      name: "tie",
      timestamp,
      properties: { value, region, user },
    });
    // One request: events that share a timestamp are ordered by id (c last), whatever the listing order.
    const first = await suite.tenant.admin.post("/v1/events/backfill", {
      events: [
        event("tie-c", "2026-03-02T01:30:00Z", 3, "eu", 1),
        event("tie-b", "2026-03-02T01:30:00Z", 1, "eu", "1"),
        event("tie-a", "2026-03-02T01:30:00Z", 2, "us", "1.0"),
        event("tie-z", "2026-03-02T02:10:00Z", 5, "eu", "1.00"),
        event("tie-x", "2026-03-02T02:20:00Z", 8, "eu", "u"),
        event("tie-w", "2026-03-02T02:40:00Z", 4, "eu", "w"),
      ],
    });
    expect(first.body.accepted).toBe(6);
    const hours = (from: string, to: string) => ({ start: Date.parse(from), end: Date.parse(to) });
    const windowRanges = [
      hours("2026-03-02T00:00:00Z", "2026-03-02T02:00:00Z"),
      hours("2026-03-02T02:00:00Z", "2026-03-02T02:30:00Z"),
    ];
    const windows = ["tie-latest", "tie-unique"].flatMap((meterCode) =>
      windowRanges.map(({ start, end }) => ({
        key: usageWindowKey({ meterCode }, start, end),
        meterCode,
        start,
        end,
        fullPeriodStart: start,
        fullPeriodEnd: end,
      })),
    );
    const usage = async () => {
      const meters = await engineMetersFor(
        suite.testApp.handle.database,
        scope,
        ["tie-latest", "tie-unique"],
        Date.now(),
      );
      const actual = await usageForWindows(suite.testApp.handle.database, scope, {
        customerExternalId: customer,
        windows,
        meters,
        levelsStartAt: 0,
      });
      expectSameAggregates(
        actual,
        coreAggregates(meters.values(), windows, 0, await storedEvents(customer)),
        customer,
      );
      return windows.map((window) => actual.get(window.key)!.quantity.toFixed());
    };
    // The whole hour 01:00 holds two rollup rows (eu, us) at the same latest instant; the cut hour is read raw.
    // unique_count: 1, "1", "1.0" and "1.00" are one value, in the rollups and in the raw hour alike.
    expect(await usage()).toEqual(["3", "8", "1", "2"]);

    // A later request: its events are received later, so they win their ties whatever their ids.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await suite.tenant.admin.post("/v1/events/backfill", {
      events: [
        event("tie-0", "2026-03-02T01:30:00Z", 9, "us", 2),
        event("tie-1", "2026-03-02T02:20:00Z", 6, "eu", "u"),
      ],
    });
    expect(second.body.accepted).toBe(2);
    expect(await usage()).toEqual(["9", "6", "2", "2"]);
  });

  it("reads raw events page by page in the store's order, ties included", async () => {
    const customer = "billing-usage-pages";
    // Two requests of events on three instants, ids out of order: pages end inside groups of ties.
    for (const request of [0, 1]) {
      const sent = await suite.tenant.admin.post("/v1/events/backfill", {
        events: [5, 3, 8, 1, 7].map((number, index) => ({
          id: `page-${request}-${number}`,
          customer,
          name: "page",
          timestamp: `2026-03-02T0${index % 3}:00:00Z`,
          properties: { value: request * 10 + number },
        })),
      });
      expect(sent.body.accepted).toBe(5);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const events: { timestamp: Instant; value: unknown }[] = [];
    await forEachRawEvent(
      suite.testApp.handle.database,
      scope,
      {
        customerExternalId: customer,
        eventNames: ["page"],
        ranges: [{ start: Date.parse("2026-03-02T00:00:00Z"), end: Date.parse("2026-03-03T00:00:00Z") }],
        pageSize: 2,
      },
      (event) => events.push({ timestamp: event.timestamp, value: event.properties.value }),
    );
    const stored = await storedEvents(customer);
    expect(stored.length).toBe(10);
    expect(events).toEqual(
      stored.map((event) => ({ timestamp: event.timestamp, value: event.properties.value })),
    );
  });

  it("refuses what the accumulator refuses: an unknown meter, overlapping windows, a percentage on a count", async () => {
    const meter: Meter = { code: "refused", eventName: "x", aggregation: "count", filters: [] };
    const window = (start: Instant, end: Instant, extra: Partial<UsageWindow> = {}): UsageWindow => ({
      key: `${start}-${end}-${extra.transactionPricing === undefined ? "meter" : "fee"}`,
      meterCode: "refused",
      start,
      end,
      fullPeriodStart: start,
      fullPeriodEnd: end,
      ...extra,
    });
    const call = (windows: UsageWindow[], meters = new Map([["refused", meter]])) =>
      usageForWindows(suite.testApp.handle.database, scope, {
        customerExternalId: "nobody",
        windows,
        meters,
        levelsStartAt: 0,
      });
    await expect(call([window(0, hour)], new Map())).rejects.toThrow(BillingInputError);
    await expect(call([window(0, 2 * hour), window(hour, 3 * hour)])).rejects.toThrow(/overlap/);
    await expect(call([window(0, 2 * hour), window(0, 3 * hour, { key: "other" })])).rejects.toThrow(
      /overlap/,
    );
    const fee: PercentagePricing = { model: "percentage", rate: new Decimal(1), fixedFee: new Decimal(0) };
    await expect(call([window(0, hour, { transactionPricing: fee })])).rejects.toThrow(/numeric meter/);
    const empty = await call([window(0, hour)]);
    expect(empty.get(`0-${hour}-meter`)).toEqual({ quantity: new Decimal(0), eventCount: 0 });
  });

  it("sums an unfinished hour from its rollup less the events after now, equal to the accumulator", {
    timeout: 120_000,
  }, async () => {
    const unfinishedHour = Date.parse("2026-03-05T10:00:00Z");
    const periodStart = unfinishedHour - 3 * hour;
    const tailed: Aggregation[] = ["count", "sum", "max", "unique_count"];
    const meterCodes = tailed.map((aggregation) => `open-hour-${aggregation}`);
    for (const [index, aggregation] of tailed.entries()) {
      await createMeter(suite.tenant.admin, {
        code: meterCodes[index],
        name: meterCodes[index],
        event_name: "open-hour",
        aggregation,
        ...(aggregation === "count" ? {} : { property: aggregation === "unique_count" ? "user" : "value" }),
        ...(aggregation === "sum" ? { filters: { region: ["eu"] } } : {}),
        effective_from: "2026-03-01T00:00:00Z",
      });
    }
    const meters = await engineMetersFor(suite.testApp.handle.database, scope, meterCodes, unfinishedHour);
    let run = 0;
    const openHourEvent = fc.record({
      // Before the unfinished hour, inside it before now, and after now in the same hour (its tail).
      place: fc.constantFrom("earlier" as const, "before-now" as const, "after-now" as const),
      share,
      value: fc.oneof(fc.integer({ min: -5, max: 40 }), fc.constantFrom("12.50", "0.125", 40, "40.0")),
      region: fc.constantFrom("eu", "us"),
      user: fc.constantFrom("u1", "u2", "u3", 7, "7.0"),
    });
    const property = fc.asyncProperty(
      fc.integer({ min: 1, max: hour - 1 }),
      fc.array(openHourEvent, { maxLength: 25 }),
      async (nowOffset, specs) => {
        const customer = `open-hour-${++run}`;
        const now = unfinishedHour + nowOffset;
        await createCustomer(suite.tenant.admin, { external_id: customer, timezone: "UTC" });
        const events = specs.map((spec, index) => {
          const [from, to] =
            spec.place === "earlier"
              ? [periodStart, unfinishedHour]
              : spec.place === "before-now"
                ? [unfinishedHour, now]
                : [now, unfinishedHour + hour];
          return {
            id: `open-hour-${run}-${index}`,
            customer,
            name: "open-hour",
            timestamp: new Date(from + Math.floor(spec.share * (to - from - 1))).toISOString(),
            properties: { value: spec.value, region: spec.region, user: spec.user },
          };
        });
        if (events.length > 0) {
          const sent = await suite.tenant.admin.post("/v1/events/backfill", { events });
          expect(sent.status, JSON.stringify(sent.body)).toBe(200);
        }
        const windows = meterCodes.map((meterCode) => ({
          key: usageWindowKey({ meterCode }, periodStart, now),
          meterCode,
          start: periodStart,
          end: now,
          fullPeriodStart: periodStart,
          fullPeriodEnd: periodStart + 30 * day,
        }));
        const request = { customerExternalId: customer, windows, meters, levelsStartAt: periodStart };
        const actual = await usageForWindows(suite.testApp.handle.database, scope, request);
        const expected = coreAggregates(meters.values(), windows, periodStart, await storedEvents(customer));
        expectSameAggregates(actual, expected, `unfinished hour, run ${run}`);
      },
    );
    await fc.assert(property, { numRuns: 25, endOnFailure: true });
  });

  it("plans no raw read of the unfinished hour for count, sum, max and unique_count, and keeps it for latest and weighted_sum", () => {
    const now = Date.parse("2026-03-05T10:17:00Z");
    const periodStart = Date.parse("2026-03-01T00:00:00Z");
    const window: UsageWindow = {
      key: "window",
      meterCode: "planned",
      start: periodStart,
      end: now,
      fullPeriodStart: periodStart,
      fullPeriodEnd: Date.parse("2026-04-01T00:00:00Z"),
    };
    const trusted = [{ start: periodStart, end: Number.POSITIVE_INFINITY }];
    const planFor = (aggregation: Aggregation) =>
      planMeterUsage(
        { code: "planned", eventName: "planned", aggregation, property: "value", filters: [] },
        [window],
        trusted,
        periodStart,
      );
    const unfinishedHour = Date.parse("2026-03-05T10:00:00Z");
    for (const aggregation of ["count", "sum", "max", "unique_count"] as const) {
      const plan = planFor(aggregation);
      expect(plan.rawRanges, aggregation).toEqual([]);
      expect(plan.rollupRanges.at(-1)?.end, aggregation).toBe(unfinishedHour + hour);
      expect(plan.tails, aggregation).toEqual([
        { range: { start: now, end: unfinishedHour + hour }, bucket: 0 },
      ]);
    }
    for (const aggregation of ["latest", "weighted_sum"] as const) {
      const plan = planFor(aggregation);
      expect(plan.rawRanges, aggregation).toEqual([{ start: unfinishedHour, end: now }]);
      expect(plan.tails, aggregation).toEqual([]);
    }
    // An hour the versions do not wholly trust is read from its events.
    const partlyTrusted = planMeterUsage(
      { code: "planned", eventName: "planned", aggregation: "sum", property: "value", filters: [] },
      [window],
      [{ start: periodStart, end: now + 60_000 }],
      periodStart,
    );
    expect(partlyTrusted.rawRanges).toEqual([{ start: unfinishedHour, end: now }]);
  });
});
