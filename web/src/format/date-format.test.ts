import { describe, expect, it } from "vitest";
import { formatDateTime, formatPeriodBound } from "./date-format.ts";

describe("formatPeriodBound", () => {
  it("shows a date alone at midnight in the period's time zone", () => {
    expect(formatPeriodBound("2026-02-01T00:00:00Z", "UTC", "en-US")).toBe("Feb 1, 2026");
    expect(formatPeriodBound("2026-02-01T05:00:00Z", "America/New_York", "en-US")).toBe("Feb 1, 2026");
  });

  it("adds the time when the bound is not at midnight", () => {
    expect(formatPeriodBound("2026-02-01T05:00:00Z", "UTC", "en-US")).toMatch(/^Feb 1, 2026, 5:00\sAM$/);
  });
});

describe("formatDateTime", () => {
  it("returns what it cannot read unchanged", () => {
    expect(formatDateTime("not a date", "en-US")).toBe("not a date");
  });
});
