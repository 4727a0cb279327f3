// When revenue is earned: weights over local days and months of use, which
// the core's allocateAmount turns into amounts that add up to the cent.
import { describe, expect, it } from "vitest";
import { Decimal, daysServed } from "../core/index.ts";
import { inPeriodOfUse, ratableByDay } from "./recognition-patterns.ts";

const at = (text: string) => Date.parse(text);

describe("recognition patterns", () => {
  it("weighs every local day alike, a daylight-saving day included", () => {
    // March 8 2026 has 23 hours in New York; it still counts as one day.
    expect(
      daysServed(at("2026-03-08T05:00:00Z"), at("2026-03-09T04:00:00Z"), "America/New_York").toFixed(),
    ).toBe("1");
    expect(daysServed(at("2026-03-01T12:00:00Z"), at("2026-03-02T00:00:00Z"), "UTC").toFixed()).toBe("0.5");
  });

  it("cuts a service period at month ends, each portion dated at the end of what it serves", () => {
    expect(
      ratableByDay(at("2026-01-15T00:00:00Z"), at("2026-03-01T00:00:00Z"), "UTC").map((portion) => [
        portion.period,
        portion.weight.toFixed(),
        new Date(portion.at).toISOString(),
      ]),
    ).toEqual([
      ["2026-01", "17", "2026-02-01T00:00:00.000Z"],
      ["2026-02", "28", "2026-03-01T00:00:00.000Z"],
    ]);
  });

  it("earns usage in its month of use, split by the month's events when the period spans months", () => {
    const start = at("2026-01-15T00:00:00Z");
    const end = at("2026-02-15T00:00:00Z");
    const byEvents = inPeriodOfUse(
      start,
      end,
      "UTC",
      new Map([
        ["2026-02", new Decimal(30)],
        ["2026-01", new Decimal(10)],
      ]),
    );
    expect(byEvents.map((portion) => [portion.period, portion.weight.toFixed()])).toEqual([
      ["2026-01", "10"],
      ["2026-02", "30"],
    ]);
    const withoutEvents = inPeriodOfUse(start, end, "UTC", undefined);
    expect(withoutEvents.map((portion) => [portion.period, portion.weight.toFixed()])).toEqual([
      ["2026-01", "17"],
      ["2026-02", "14"],
    ]);
    expect(inPeriodOfUse(at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z"), "UTC", undefined)).toEqual([
      { at: at("2026-04-01T00:00:00Z"), period: "2026-03", weight: new Decimal(1) },
    ]);
  });
});
