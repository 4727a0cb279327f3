import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CountAggregator } from "./aggregators.ts";
import { InAdvanceAggregator, instantWindowStart } from "./in-advance-aggregator.ts";

const HOUR = 3_600_000;

describe("instant windows (V15)", () => {
  it("are half-open windows counted from the epoch", () => {
    expect(instantWindowStart(Date.UTC(2026, 0, 3, 10, 16), HOUR)).toBe(Date.UTC(2026, 0, 3, 10));
    expect(instantWindowStart(Date.UTC(2026, 0, 3, 11), HOUR)).toBe(Date.UTC(2026, 0, 3, 11));
  });
});

describe("the in-advance aggregator", () => {
  it("groups events by the window they were received in, in time order, their timestamp when not given", () => {
    const aggregator = new InAdvanceAggregator<null>(HOUR, () => new CountAggregator());
    const event = (timestamp: number, receivedAt?: number) => ({
      id: "e",
      name: "call",
      timestamp,
      properties: {},
      ...(receivedAt === undefined ? {} : { receivedAt }),
    });
    aggregator.add(null, 5 * HOUR, 0, event(5 * HOUR));
    aggregator.add(null, HOUR, 1, event(HOUR, 5 * HOUR + 1));
    aggregator.add(null, 2 * HOUR, 2, event(2 * HOUR));
    const windows = aggregator.result().receivedWindows!;
    expect([...windows].map(([start, aggregate]) => [start / HOUR, aggregate.eventCount])).toEqual([
      [2, 1],
      [5, 2],
    ]);
  });

  it("counts every event once, whatever the windows (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 * HOUR }), { maxLength: 50 }), (receipts) => {
        const aggregator = new InAdvanceAggregator<null>(HOUR, () => new CountAggregator());
        for (const [index, receivedAt] of receipts.entries()) {
          aggregator.add(null, 0, index, {
            id: String(index),
            name: "call",
            timestamp: 0,
            properties: {},
            receivedAt,
          });
        }
        const windows = [...aggregator.result().receivedWindows!];
        expect(windows.reduce((total, [, aggregate]) => total + aggregate.eventCount, 0)).toBe(
          receipts.length,
        );
        expect(windows.map(([start]) => start)).toEqual(
          [...windows.map(([start]) => start)].sort((a, b) => a - b),
        );
      }),
    );
  });
});
