// A meter whose definition changed inside a window (billing rule 34): each
// event is read by the definition in effect at its timestamp, and the window
// combines the definitions' events by the billed meter's aggregation.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Aggregation, Meter, MeterFilter } from "../catalog.ts";
import { BillingInputError } from "../catalog.ts";
import { Decimal } from "../decimal.ts";
import {
  checkMeterHistory,
  type MeterDefinitionSpan,
  readingKindOf,
  readsWindowValue,
  singleDefinition,
  spanAt,
} from "./meter-history.ts";
import { type InvalidUsageEvent, UsageAccumulator } from "./usage-accumulator.ts";
import type { UsageEvent } from "./usage-event.ts";
import { type UsageWindow, usageWindowKey } from "./usage-windows.ts";

const DAY = 86_400_000;
const JANUARY = Date.UTC(2026, 0, 1);
const FEBRUARY = Date.UTC(2026, 1, 1);
/** Version 2 takes effect on 15 January. */
const CHANGE = JANUARY + 14 * DAY;
const onlyEu: MeterFilter[] = [{ property: "region", acceptedValues: ["eu"] }];

function definition(aggregation: Aggregation, extra: Partial<Meter> = {}): Meter {
  return {
    code: "usage",
    eventName: "used",
    aggregation,
    ...(aggregation === "count" ? {} : { property: aggregation === "unique_count" ? "user" : "value" }),
    filters: [],
    ...extra,
  };
}

/** Version 1 until `CHANGE`, version 2 from then on; version 1 also counts what came before it. */
function history(first: Meter, second: Meter): MeterDefinitionSpan[] {
  return [
    { from: Number.NEGATIVE_INFINITY, until: CHANGE, meter: first },
    { from: CHANGE, until: Number.POSITIVE_INFINITY, meter: second },
  ];
}

const january: UsageWindow = {
  key: usageWindowKey({ meterCode: "usage" }, JANUARY, FEBRUARY),
  meterCode: "usage",
  start: JANUARY,
  end: FEBRUARY,
  fullPeriodStart: JANUARY,
  fullPeriodEnd: FEBRUARY,
};

let nextId = 0;
function event(day: number, properties: Record<string, unknown> = {}, name = "used"): UsageEvent {
  nextId++;
  return { id: `e${nextId}`, name, timestamp: JANUARY + (day - 1) * DAY, properties };
}

/** The billed meter is the definition in effect at the window's end, as the live service bills it. */
function aggregate(
  spans: readonly MeterDefinitionSpan[],
  events: readonly UsageEvent[],
  windows: readonly UsageWindow[] = [january],
) {
  const billed = spans.at(-1)!.meter;
  const accumulator = new UsageAccumulator({
    meters: [billed],
    windows,
    levelsStartAt: JANUARY,
    histories: new Map([[billed.code, spans]]),
  });
  const problems: InvalidUsageEvent[] = [];
  for (const [index, usageEvent] of events.entries())
    problems.push(...(accumulator.add(usageEvent, index) ?? []));
  const aggregates = accumulator.finish();
  const result = aggregates.get(windows[0]!.key)!;
  return { quantity: result.quantity.toFixed(), eventCount: result.eventCount, result, problems, aggregates };
}

describe("a definition that changes inside a window", () => {
  it("count: each event under the version in effect at it, the two versions' events added", () => {
    const events = [
      event(5, { region: "us" }),
      event(10, { region: "eu" }),
      event(20, { region: "us" }),
      event(25, { region: "eu" }),
    ];
    const changed = aggregate(history(definition("count"), definition("count", { filters: onlyEu })), events);
    // Version 1 counts Jan 5 and Jan 10; version 2 counts only the eu call of Jan 25.
    expect(changed).toMatchObject({ quantity: "3", eventCount: 3 });
  });

  it("sum: each version reads its own property, the sums add", () => {
    const events = [event(5, { tokens: 10, billable: 4 }), event(20, { tokens: 100, billable: 40 })];
    const spans = history(
      definition("sum", { property: "tokens" }),
      definition("sum", { property: "billable" }),
    );
    expect(aggregate(spans, events)).toMatchObject({ quantity: "50", eventCount: 2 });
  });

  it("max: the largest value any version counted", () => {
    const events = [
      event(5, { region: "us", value: 9 }),
      event(20, { region: "us", value: 12 }),
      event(25, { region: "eu", value: 5 }),
    ];
    const spans = history(definition("max"), definition("max", { filters: onlyEu }));
    expect(aggregate(spans, events)).toMatchObject({ quantity: "9", eventCount: 2 });
    // Negative values: a version without an event in the window gives no 0 to the maximum.
    const negative = [event(5, { region: "us", value: -4 }), event(20, { region: "us", value: 3 })];
    expect(aggregate(spans, negative)).toMatchObject({ quantity: "-4", eventCount: 1 });
  });

  it("latest: the value of the latest event any version counted, as its own version read it", () => {
    const events = [
      event(5, { region: "us", value: 7 }),
      event(12, { region: "us", value: 6 }),
      event(20, { region: "us", value: 8 }),
    ];
    const spans = history(definition("latest"), definition("latest", { filters: onlyEu }));
    expect(aggregate(spans, events)).toMatchObject({ quantity: "6", eventCount: 2 });
    const readingAnother = history(
      definition("latest", { property: "old" }),
      definition("latest", { property: "new" }),
    );
    expect(aggregate(readingAnother, [event(20, { old: 1, new: 2 })]).quantity).toBe("2");
    expect(aggregate(readingAnother, [event(10, { old: 1, new: 2 })]).quantity).toBe("1");
  });

  it("unique_count: distinct values across the window, of the events each version matches", () => {
    const events = [
      event(5, { region: "us", user: "ann" }),
      event(10, { region: "us", user: "bob" }),
      event(20, { region: "us", user: "cat" }),
      event(25, { region: "eu", user: "ann" }),
      event(26, { region: "eu", user: "1.0" }),
      event(27, { region: "eu", user: 1 }),
    ];
    const spans = history(definition("unique_count"), definition("unique_count", { filters: onlyEu }));
    // ann (twice, one value), bob, 1 ("1.0" and 1 are one value); cat is us after the change.
    expect(aggregate(spans, events)).toMatchObject({ quantity: "3", eventCount: 5 });
  });

  it("weighted_sum: every change moves the level, each read by its own version", () => {
    // Version 2 reads `seats`: +10 on Jan 1 (as `value`), +21 on Jan 15 (as `seats`; its `value` is ignored).
    const spans = history(definition("weighted_sum"), definition("weighted_sum", { property: "seats" }));
    const events = [event(1, { value: 10, seats: 1000 }), event(15, { value: 1000, seats: 21 })];
    const { result } = aggregate(spans, events);
    // 10 for 31 days, 21 more for the last 17: (310 + 357) / 31.
    expect(result.quantity.equals(new Decimal(667).dividedBy(31))).toBe(true);
    expect(result.eventCount).toBe(2);
  });

  it("percentage fees: each version's values are transactions; an event without a value pays no fee", () => {
    const fees: UsageWindow = {
      ...january,
      key: usageWindowKey({ planCode: "p", chargeId: "fees" }, JANUARY, FEBRUARY),
      transactionPricing: { model: "percentage", rate: new Decimal(10), fixedFee: new Decimal("0.25") },
    };
    const spans = history(definition("count"), definition("sum", { property: "amount" }));
    const { result } = aggregate(spans, [event(5, { amount: 1000 }), event(20, { amount: 30 })], [fees]);
    expect(result.quantity.toFixed()).toBe("30");
    expect(result.eventCount).toBe(2);
    expect(result.transactionFees?.toFixed()).toBe("3.25");
  });

  it("a version that reads another kind of value adds its events to the count only", () => {
    const events = [event(5, { user: "ann", value: 4 }), event(20, { user: "bob", value: 6 })];
    // A distinct count before the change, a sum after: the sum window has 6 and both events.
    expect(aggregate(history(definition("unique_count"), definition("sum")), events)).toMatchObject({
      quantity: "6",
      eventCount: 2,
    });
    // A sum before, a distinct count after: only bob is a distinct value.
    expect(aggregate(history(definition("sum"), definition("unique_count")), events)).toMatchObject({
      quantity: "1",
      eventCount: 2,
    });
    // Into a count window every counted event counts, whatever its version read.
    expect(aggregate(history(definition("max"), definition("count")), events)).toMatchObject({
      quantity: "2",
      eventCount: 2,
    });
  });

  it("reads each event name by the version in effect, and reports what that version cannot read", () => {
    const spans = history(
      definition("sum", { eventName: "old_name" }),
      definition("sum", { eventName: "new_name" }),
    );
    const unreadable = event(22, { value: "lots" }, "new_name");
    const { quantity, problems } = aggregate(spans, [
      event(5, { value: 1 }, "old_name"),
      event(6, { value: 10 }, "new_name"), // before version 2: no version counts new_name then
      event(20, { value: 100 }, "old_name"), // after the change: version 2 counts new_name only
      event(21, { value: 1000 }, "new_name"),
      unreadable,
    ]);
    expect(quantity).toBe("1001");
    expect(problems).toEqual([
      { eventId: unreadable.id, meterCode: "usage", property: "value", problem: "not_numeric" },
    ]);
  });

  it("dimensional windows: each combination combines its events under their versions", () => {
    const dimensional: UsageWindow = {
      ...january,
      key: usageWindowKey({ planCode: "p", chargeId: "by-model" }, JANUARY, FEBRUARY),
      dimensions: {
        properties: ["model"],
        prices: new Map(),
        fallback: { model: "per_unit", unitPrice: new Decimal(1), freeUnits: new Decimal(0) },
      },
      charge: { planCode: "p", chargeId: "by-model" },
    };
    const spans = history(definition("count"), definition("count", { filters: onlyEu }));
    const { result } = aggregate(
      spans,
      [
        event(5, { model: "a", region: "us" }),
        event(20, { model: "a", region: "us" }),
        event(21, { model: "a", region: "eu" }),
        event(22, { model: "b", region: "us" }),
      ],
      [dimensional],
    );
    const byModel = [...(result.combinations ?? new Map()).values()].map((combination) => [
      combination.values[0],
      combination.aggregate.quantity.toFixed(),
    ]);
    // Model a: the us call of Jan 5 (version 1) and the eu one of Jan 21; model b's only call is us.
    expect(byModel).toEqual([["a", "2"]]);
  });
});

describe("one definition for all time", () => {
  const aggregations: Aggregation[] = ["count", "sum", "max", "unique_count", "latest", "weighted_sum"];
  const eventSpec = fc.record({
    day: fc.integer({ min: -3, max: 34 }),
    region: fc.constantFrom("eu", "us"),
    value: fc.integer({ min: -50, max: 50 }),
    user: fc.constantFrom("ann", "bob", 1, "1.0"),
  });

  it("counts as the meter alone, and so does the same definition split at any instant", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...aggregations),
        fc.boolean(),
        fc.integer({ min: -5, max: 40 }),
        fc.array(eventSpec, { maxLength: 30 }),
        (aggregation, filtered, splitDay, specs) => {
          const meter = definition(aggregation, filtered ? { filters: onlyEu } : {});
          const events = specs.map(({ day, ...properties }) => event(day, properties));
          const split = JANUARY + splitDay * DAY;
          const results = [
            undefined,
            singleDefinition(meter),
            [
              { from: Number.NEGATIVE_INFINITY, until: split, meter },
              { from: split, until: Number.POSITIVE_INFINITY, meter },
            ],
          ].map((spans) => {
            const accumulator = new UsageAccumulator({
              meters: [meter],
              windows: [january],
              levelsStartAt: JANUARY,
              ...(spans === undefined ? {} : { histories: new Map([["usage", spans]]) }),
            });
            for (const [index, usageEvent] of events.entries()) accumulator.add(usageEvent, index);
            const result = accumulator.finish().get(january.key)!;
            return [result.quantity.toFixed(), result.eventCount];
          });
          expect(results[1]).toEqual(results[0]);
          expect(results[2]).toEqual(results[0]);
        },
      ),
    );
  });

  it("with a filter changed at any instant, counts what each side's filter accepts on its side", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 40 }),
        fc.array(eventSpec, { maxLength: 30 }),
        (splitDay, specs) => {
          const events = specs.map(({ day, ...properties }) => event(day, properties));
          const split = JANUARY + splitDay * DAY;
          const spans: MeterDefinitionSpan[] = [
            { from: Number.NEGATIVE_INFINITY, until: split, meter: definition("sum") },
            { from: split, until: Number.POSITIVE_INFINITY, meter: definition("sum", { filters: onlyEu }) },
          ];
          const inWindow = events.filter(
            (usageEvent) => usageEvent.timestamp >= JANUARY && usageEvent.timestamp < FEBRUARY,
          );
          const counted = inWindow.filter(
            (usageEvent) => usageEvent.timestamp < split || usageEvent.properties.region === "eu",
          );
          const { quantity, eventCount } = aggregate(spans, events);
          expect(eventCount).toBe(counted.length);
          expect(quantity).toBe(
            counted
              .reduce((total, usageEvent) => total + (usageEvent.properties.value as number), 0)
              .toString(),
          );
        },
      ),
    );
  });
});

describe("meter history helpers", () => {
  it("tell which readings a window combines", () => {
    expect(readingKindOf("count")).toBe("event");
    expect(readingKindOf("unique_count")).toBe("distinct_value");
    for (const aggregation of ["sum", "max", "latest", "weighted_sum"] as const)
      expect(readingKindOf(aggregation)).toBe("number");
    expect(readsWindowValue("sum", "max")).toBe(true);
    expect(readsWindowValue("latest", "weighted_sum")).toBe(true);
    expect(readsWindowValue("unique_count", "unique_count")).toBe(true);
    expect(readsWindowValue("count", "sum")).toBe(false);
    expect(readsWindowValue("sum", "unique_count")).toBe(false);
    expect(readsWindowValue("sum", "count")).toBe(false);
  });

  it("find the span in effect at an instant, none outside them", () => {
    const spans = [
      { from: 10, until: 20 },
      { from: 20, until: 30 },
      { from: 40, until: 50 },
    ];
    expect([9, 10, 19, 20, 29, 30, 39, 40, 49, 50].map((instant) => spanAt(spans, instant)?.from)).toEqual([
      undefined,
      10,
      10,
      20,
      20,
      undefined,
      undefined,
      40,
      40,
      undefined,
    ]);
  });

  it("refuse overlapping, empty or foreign definitions", () => {
    const meter = definition("count");
    expect(() => checkMeterHistory("usage", history(meter, meter))).not.toThrow();
    expect(() =>
      checkMeterHistory("usage", [
        { from: 0, until: 20, meter },
        { from: 10, until: 30, meter },
      ]),
    ).toThrow(BillingInputError);
    expect(() => checkMeterHistory("usage", [{ from: 5, until: 5, meter }])).toThrow(BillingInputError);
    expect(() =>
      checkMeterHistory("usage", [{ from: 0, until: 5, meter: { ...meter, code: "other" } }]),
    ).toThrow(/other/);
  });
});
