import { describe, expect, it } from "vitest";
import { isPeriod, nextPeriod, periodLabel, previousMonth } from "./period-month.ts";

describe("finance months", () => {
  it("opens on the month before the current one, across a year's turn", () => {
    expect(previousMonth(new Date(2026, 9, 15))).toBe("2026-09");
    expect(previousMonth(new Date(2026, 0, 1))).toBe("2025-12");
    expect(previousMonth(new Date(2026, 11, 31))).toBe("2026-11");
  });

  it("accepts only a year and a month from 01 to 12", () => {
    expect(isPeriod("2026-10")).toBe(true);
    expect(isPeriod("2026-13")).toBe(false);
    expect(isPeriod("2026-1")).toBe(false);
    expect(isPeriod("")).toBe(false);
  });

  it("names a month in words and leaves anything else as it came", () => {
    expect(periodLabel("2026-10")).toMatch(/2026/);
    expect(periodLabel("not a month")).toBe("not a month");
  });

  it("steps to the next month, across a year's turn", () => {
    expect(nextPeriod("2026-11")).toBe("2026-12");
    expect(nextPeriod("2026-12")).toBe("2027-01");
    expect(nextPeriod("2026-09")).toBe("2026-10");
  });
});
