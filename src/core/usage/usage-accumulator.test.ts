import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Aggregation, Meter } from "../catalog.ts";
import { Decimal } from "../decimal.ts";
import { type InvalidUsageEvent, UsageAccumulator } from "./usage-accumulator.ts";
import type { UsageEvent } from "./usage-event.ts";
import { type UsageWindow, usageWindowKey } from "./usage-windows.ts";

const DAY = 86_400_000;
const JANUARY = Date.UTC(2026, 0, 1);
const FEBRUARY = Date.UTC(2026, 1, 1);
const MARCH = Date.UTC(2026, 2, 1);

function meter(aggregation: Aggregation, extra: Partial<Meter> = {}): Meter {
  return {
    code: "usage",
    eventName: "used",
    aggregation,
    ...(aggregation === "count" ? {} : { property: "value" }),
    filters: [],
    ...extra,
  };
}

function window(start: number, end: number, extra: Partial<UsageWindow> = {}): UsageWindow {
  return {
    key: usageWindowKey({ meterCode: "usage" }, start, end),
    meterCode: "usage",
    start,
    end,
    fullPeriodStart: start,
    fullPeriodEnd: end,
    ...extra,
  };
}

let nextId = 0;
function event(timestamp: number, properties: Record<string, unknown> = {}, name = "used"): UsageEvent {
  nextId++;
  return { id: `e${nextId}`, name, timestamp, properties };
}

function aggregate(
  usageMeter: Meter,
  events: readonly UsageEvent[],
  windows: readonly UsageWindow[] = [window(JANUARY, FEBRUARY)],
  levelsStartAt = JANUARY,
) {
  const accumulator = new UsageAccumulator({ meters: [usageMeter], windows, levelsStartAt });
  const problems: InvalidUsageEvent[] = [];
  for (const [index, usageEvent] of events.entries())
    problems.push(...(accumulator.add(usageEvent, index) ?? []));
  const aggregates = accumulator.finish();
  const quantityOf = (usageWindow: UsageWindow = windows[0]!) =>
    aggregates.get(usageWindow.key)?.quantity.toFixed();
  return { aggregates, problems, quantityOf };
}

describe("aggregations", () => {
  it("count matching events inside the window only", () => {
    const events = [
      event(JANUARY - 1),
      event(JANUARY),
      event(JANUARY + DAY),
      event(FEBRUARY),
      event(JANUARY, {}, "other"),
    ];
    const { aggregates, quantityOf } = aggregate(meter("count"), events);
    expect(quantityOf()).toBe("2");
    expect(aggregates.get(window(JANUARY, FEBRUARY).key)?.eventCount).toBe(2);
  });

  it("sum numbers and numeric strings exactly, beyond 2^53 and with decimals", () => {
    const values = [9_007_199_254_740_991, 2, "0.1", 0.2, "-3", "1e2"];
    const { quantityOf } = aggregate(
      meter("sum"),
      values.map((value) => event(JANUARY, { value })),
    );
    expect(quantityOf()).toBe("9007199254741090.3");
  });

  it("take the largest value, 0 for a window with no event", () => {
    const { quantityOf } = aggregate(meter("max"), [
      event(JANUARY, { value: 3 }),
      event(JANUARY, { value: "12.5" }),
      event(JANUARY, { value: -1 }),
    ]);
    expect(quantityOf()).toBe("12.5");
    expect(aggregate(meter("max"), []).quantityOf()).toBe("0");
  });

  it("count distinct values, numbers by their decimal value (rule 13)", () => {
    const values = [1, "1", "1.0", 2, "a", "a", true, "true", { tier: 1 }];
    const { quantityOf } = aggregate(
      meter("unique_count"),
      values.map((value) => event(JANUARY, { value })),
    );
    expect(quantityOf()).toBe("6"); // 1, 2, "a", true, "true", {"tier":1}
  });

  it("take the latest event's value, a tie going to the one listed later", () => {
    const events = [
      event(JANUARY + 2, { value: 5 }),
      event(JANUARY + 9, { value: 7 }),
      event(JANUARY + 9, { value: 8 }),
    ];
    expect(aggregate(meter("latest"), events).quantityOf()).toBe("8");
    expect(aggregate(meter("latest"), [events[2]!, events[1]!, events[0]!]).quantityOf()).toBe("7");
  });

  it("weigh a level by the time it is held, over the full period (the spec's example)", () => {
    const events = [event(JANUARY + 15 * DAY, { value: 20 }), event(JANUARY + 16 * DAY, { value: 10 })];
    const { aggregates } = aggregate(meter("weighted_sum"), events);
    expect(
      aggregates.get(window(JANUARY, FEBRUARY).key)?.quantity.equals(new Decimal(470).dividedBy(31)),
    ).toBe(true);
  });

  it("carry the level into later windows, counting changes from the subscription start on (rule 12)", () => {
    const trialStart = JANUARY - 10 * DAY;
    const events = [
      event(trialStart - DAY, { value: 100 }), // before the subscription: ignored
      event(trialStart + DAY, { value: 10 }), // during the trial: moves the level
      event(FEBRUARY + 14 * DAY, { value: -10 }),
    ];
    const windows = [window(JANUARY, FEBRUARY), window(FEBRUARY, MARCH)];
    const { quantityOf } = aggregate(meter("weighted_sum"), events, windows, trialStart);
    expect(quantityOf(windows[0])).toBe("10");
    expect(quantityOf(windows[1])).toBe("5");
  });

  it("divide a partial window by its full period", () => {
    const partial = window(JANUARY + 10 * DAY, FEBRUARY, {
      fullPeriodStart: JANUARY,
      fullPeriodEnd: FEBRUARY,
    });
    const { aggregates } = aggregate(meter("weighted_sum"), [event(JANUARY, { value: 31 })], [partial]);
    expect(aggregates.get(partial.key)?.quantity.toFixed()).toBe("21");
  });

  it("apply filters, comparing numbers by value", () => {
    const filtered = meter("sum", { filters: [{ property: "region", acceptedValues: ["eu", 1] }] });
    const events = [
      event(JANUARY, { value: 1, region: "eu" }),
      event(JANUARY, { value: 10, region: "1.0" }),
      event(JANUARY, { value: 100, region: "us" }),
      event(JANUARY, { value: 1000 }),
    ];
    expect(aggregate(filtered, events).quantityOf()).toBe("11");
  });

  it("price each transaction of a percentage window and sum the values", () => {
    const transactional = window(JANUARY, FEBRUARY, {
      key: usageWindowKey({ planCode: "p", chargeId: "fees" }, JANUARY, FEBRUARY),
      transactionPricing: { model: "percentage", rate: new Decimal(10), fixedFee: new Decimal("0.25") },
    });
    const { aggregates } = aggregate(
      meter("sum"),
      [event(JANUARY, { value: 10 }), event(JANUARY, { value: "20" })],
      [transactional],
    );
    const result = aggregates.get(transactional.key);
    expect(result?.quantity.toFixed()).toBe("30");
    expect(result?.transactionFees?.toFixed()).toBe("3.5");
  });
});

describe("unreadable events", () => {
  it("are reported with the event id whatever their time, when they match the meter (rule 11)", () => {
    const missing = event(JANUARY - 100 * DAY, {});
    const notNumeric = event(MARCH + DAY, { value: "lots" });
    const filteredOut = { ...event(JANUARY, { value: "lots" }), name: "something else" };
    const { problems } = aggregate(meter("sum"), [missing, notNumeric, filteredOut]);
    expect(problems).toEqual([
      { eventId: missing.id, meterCode: "usage", property: "value", problem: "missing" },
      { eventId: notNumeric.id, meterCode: "usage", property: "value", problem: "not_numeric" },
    ]);
  });

  it("need not be numeric for a distinct count, but must have the property", () => {
    const { problems } = aggregate(meter("unique_count"), [
      event(JANUARY, { value: "x" }),
      event(JANUARY, {}),
    ]);
    expect(problems.map((problem) => problem.problem)).toEqual(["missing"]);
  });
});

describe("order of arrival (property)", () => {
  const aggregations: Aggregation[] = ["count", "sum", "max", "unique_count", "latest", "weighted_sum"];
  const values = fc.oneof(
    fc.integer({ min: -1_000, max: 1_000 }),
    fc.integer({ min: -100_000, max: 100_000 }).map((hundredths) => (hundredths / 100).toString()),
    fc.constant(Number.MAX_SAFE_INTEGER),
  );
  const events = fc.array(fc.record({ offset: fc.integer({ min: -5, max: 64 }), value: values }), {
    maxLength: 40,
  });

  it("does not change any aggregate", () => {
    fc.assert(
      fc.property(fc.constantFrom(...aggregations), events, fc.integer(), (aggregation, listed, seed) => {
        const usageEvents = listed.map(({ offset, value }) => event(JANUARY + offset * DAY, { value }));
        const windows = [window(JANUARY, FEBRUARY), window(FEBRUARY, MARCH)];
        const inListedOrder = new UsageAccumulator({
          meters: [meter(aggregation)],
          windows,
          levelsStartAt: JANUARY,
        });
        for (const [index, usageEvent] of usageEvents.entries()) inListedOrder.add(usageEvent, index);
        // The same events in another order, each still carrying its listing position.
        const shuffled = usageEvents
          .map((usageEvent, index) => ({ usageEvent, index, key: Math.sin(seed + index) }))
          .sort((left, right) => left.key - right.key);
        const inOtherOrder = new UsageAccumulator({
          meters: [meter(aggregation)],
          windows,
          levelsStartAt: JANUARY,
        });
        for (const { usageEvent, index } of shuffled) inOtherOrder.add(usageEvent, index);
        const quantities = (accumulator: UsageAccumulator) =>
          [...accumulator.finish().entries()].map(([key, result]) => [
            key,
            result.quantity.toFixed(),
            result.eventCount,
          ]);
        expect(quantities(inOtherOrder)).toEqual(quantities(inListedOrder));
      }),
    );
  });
});
