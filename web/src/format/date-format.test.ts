import { describe, expect, it } from "vitest";
import { formatDateTime, formatDateTimeWithZone, formatPeriodBound } from "./date-format.ts";

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

describe("formatDateTimeWithZone", () => {
  it("names the zone the time is shown in", () => {
    expect(formatDateTimeWithZone("2026-03-04T14:15:00Z", "en-US", "Europe/Berlin")).toMatch(
      /^Mar 4, 2026, 3:15\sPM GMT\+1$/,
    );
    expect(formatDateTimeWithZone("2026-03-04T14:15:00Z", "en-US", "UTC")).toMatch(
      /^Mar 4, 2026, 2:15\sPM UTC$/,
    );
    expect(formatDateTimeWithZone("not a date", "en-US")).toBe("not a date");
  });
});
