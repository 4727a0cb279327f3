// Taking an unfinished hour's tail (its events after `to`) back out of the
// window its rollup was added to: exact for counts and sums whatever the tail
// holds; refused only where the window reports its largest value and the
// tail could have held it.
import { describe, expect, it } from "vitest";
import { type Aggregation, Decimal } from "../core/index.ts";
import { WindowedUsage } from "./windowed-usage.ts";

const window = { start: Date.parse("2026-03-01T00:00:00Z"), end: Date.parse("2026-03-20T15:00:00Z") };

function reportAfterTail(aggregation: Aggregation, tailMaximum: string) {
  const usage = new WindowedUsage([window], undefined);
  usage.add(0, "{}", {
    eventCount: 10,
    sum: "5000",
    maximum: "1999",
    latestAt: null,
    latestValue: null,
    weightedToWindowEnd: null,
  });
  const tail = { eventCount: 3, sum: new Decimal(2500), maximum: new Decimal(tailMaximum) };
  const settled = usage.subtract(0, "{}", tail, aggregation);
  return { settled, windows: usage.report([aggregation], new Map()) };
}

describe("an unfinished hour's tail taken out of its window", () => {
  it.each([
    ["sum", "2500"],
    ["count", "7"],
  ] as const)(
    "settles a %s exactly even when the tail holds the window's largest value",
    (aggregation, value) => {
      const { settled, windows } = reportAfterTail(aggregation, "1999");
      expect(settled).toBe(true);
      expect(windows.map((answered) => [answered.value, answered.event_count])).toEqual([[value, 7]]);
    },
  );

  it("settles a max when the window's largest value lies before `to`", () => {
    expect(reportAfterTail("max", "1500").settled).toBe(true);
  });

  it("does not settle a max when the tail could hold the window's largest value", () => {
    expect(reportAfterTail("max", "1999").settled).toBe(false);
  });
});
