import { describe, expect, it } from "vitest";
import { type BillingInterval, type BillingPeriod, billingPeriods } from "./billing-periods.ts";
import { formatInstant, parseInstant } from "./instant.ts";
import { addLocalDays, localDaysBetween } from "./time-zone.ts";

function at(text: string): number {
  const instant = parseInstant(text);
  if (instant === undefined) throw new Error(`bad timestamp in test: ${text}`);
  return instant;
}

function firstPeriods(
  count: number,
  options: {
    from: string;
    interval: BillingInterval;
    alignment: "anniversary" | "calendar";
    timeZone?: string;
  },
): { start: string; end: string; fullStart: string; fullEnd: string }[] {
  const periods = billingPeriods({
    from: at(options.from),
    interval: options.interval,
    alignment: options.alignment,
    timeZone: options.timeZone ?? "UTC",
  });
  const shown: { start: string; end: string; fullStart: string; fullEnd: string }[] = [];
  for (let index = 0; index < count; index++) {
    const period: BillingPeriod = periods.next().value;
    shown.push({
      start: formatInstant(period.start),
      end: formatInstant(period.end),
      fullStart: formatInstant(period.fullStart),
      fullEnd: formatInstant(period.fullEnd),
    });
  }
  return shown;
}

const month: BillingInterval = { unit: "month", count: 1 };

describe("anniversary periods", () => {
  /** The end dates of the first `count` anniversary periods from `from`. */
  const anniversaryEnds = (count: number, from: string, interval: BillingInterval) =>
    firstPeriods(count, { from, interval, alignment: "anniversary" }).map((period) =>
      period.end.slice(0, 10),
    );

  it("clamp the anchor day to short months and come back to it (rule 3)", () => {
    expect(anniversaryEnds(5, "2026-01-31T00:00:00Z", month)).toEqual([
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
      "2026-06-30",
    ]);
  });

  it("keep a leap-day anchor on Feb 28 in common years and Feb 29 in leap years", () => {
    expect(anniversaryEnds(4, "2024-02-29T00:00:00Z", { unit: "year", count: 1 })).toEqual([
      "2025-02-28",
      "2026-02-28",
      "2027-02-28",
      "2028-02-29",
    ]);
  });

  it.each([
    ["2025-11-30T00:00:00Z", { unit: "quarter", count: 1 }, ["2026-02-28", "2026-05-30"]],
    ["2026-01-15T00:00:00Z", { unit: "month", count: 2 }, ["2026-03-15", "2026-05-15"]],
    ["2026-01-15T00:00:00Z", { unit: "week", count: 2 }, ["2026-01-29", "2026-02-12"]],
    ["2026-01-15T00:00:00Z", { unit: "day", count: 3 }, ["2026-01-18", "2026-01-21"]],
  ] as const)("step by interval_count units: from %s by %o", (from, interval, ends) => {
    expect(anniversaryEnds(2, from, interval)).toEqual(ends);
  });

  it("keep the local time of day across daylight-saving changes", () => {
    const periods = firstPeriods(2, {
      from: "2026-02-15T05:00:00Z", // midnight in New York (EST)
      interval: month,
      alignment: "anniversary",
      timeZone: "America/New_York",
    });
    expect(periods.map((period) => period.end)).toEqual(["2026-03-15T04:00:00Z", "2026-04-15T04:00:00Z"]);
  });

  it("move a local time that does not exist forward by the gap (rule 3)", () => {
    // 02:30 local on Feb 8; Mar 8 2026 has no 02:30 in New York (clocks jump from 02:00 to 03:00).
    const periods = firstPeriods(2, {
      from: "2026-02-08T07:30:00Z",
      interval: month,
      alignment: "anniversary",
      timeZone: "America/New_York",
    });
    expect(periods.map((period) => period.end)).toEqual(["2026-03-08T07:30:00Z", "2026-04-08T06:30:00Z"]);
  });

  it("are their own full periods", () => {
    for (const period of firstPeriods(3, {
      from: "2026-01-31T00:00:00Z",
      interval: month,
      alignment: "anniversary",
    })) {
      expect([period.fullStart, period.fullEnd]).toEqual([period.start, period.end]);
    }
  });
});

describe("calendar periods", () => {
  it("make a first, partial period whose full period is the calendar month (rule 2)", () => {
    expect(firstPeriods(2, { from: "2026-04-10T00:00:00Z", interval: month, alignment: "calendar" })).toEqual(
      [
        {
          start: "2026-04-10T00:00:00Z",
          end: "2026-05-01T00:00:00Z",
          fullStart: "2026-04-01T00:00:00Z",
          fullEnd: "2026-05-01T00:00:00Z",
        },
        {
          start: "2026-05-01T00:00:00Z",
          end: "2026-06-01T00:00:00Z",
          fullStart: "2026-05-01T00:00:00Z",
          fullEnd: "2026-06-01T00:00:00Z",
        },
      ],
    );
  });

  /** The full start and end date of the first calendar period of `interval` that holds `from`. */
  const firstCalendarPeriod = (from: string, interval: BillingInterval) => {
    const [first] = firstPeriods(1, { from, interval, alignment: "calendar" });
    return [first?.fullStart.slice(0, 10), first?.end.slice(0, 10)];
  };

  it.each([
    [
      "weeks end on Mondays",
      "2026-01-07T12:00:00Z",
      { unit: "week", count: 1 },
      ["2026-01-05", "2026-01-12"],
    ],
    [
      "quarters on Jan/Apr/Jul/Oct 1",
      "2026-05-20T00:00:00Z",
      { unit: "quarter", count: 1 },
      ["2026-04-01", "2026-07-01"],
    ],
    ["years on Jan 1", "2026-05-20T00:00:00Z", { unit: "year", count: 1 }, ["2026-01-01", "2027-01-01"]],
    // Weeks from Monday 1970-01-05: 2026-01-05 is 2922 weeks later, an even number.
    [
      "two weeks count from the epoch (rule 1)",
      "2026-01-14T00:00:00Z",
      { unit: "week", count: 2 },
      ["2026-01-05", "2026-01-19"],
    ],
    // Days from 1970-01-01: 2026-01-01 is day 20454, a multiple of 3.
    [
      "three days count from the epoch (rule 1)",
      "2026-01-02T00:00:00Z",
      { unit: "day", count: 3 },
      ["2026-01-01", "2026-01-04"],
    ],
  ] as const)("%s", (_rule, from, interval, period) => {
    expect(firstCalendarPeriod(from, interval)).toEqual(period);
  });

  it("count blocks of months from the epoch (rule 1)", () => {
    // Months since January 1970: 2-month blocks start in January, March, May…
    const twoMonths = firstPeriods(2, {
      from: "2026-04-10T00:00:00Z",
      interval: { unit: "month", count: 2 },
      alignment: "calendar",
    });
    expect(twoMonths.map((period) => [period.fullStart.slice(0, 10), period.end.slice(0, 10)])).toEqual([
      ["2026-03-01", "2026-05-01"],
      ["2026-05-01", "2026-07-01"],
    ]);
  });

  it("fall on local midnight in the subscription's zone", () => {
    const periods = firstPeriods(2, {
      from: "2026-02-10T12:00:00Z",
      interval: month,
      alignment: "calendar",
      timeZone: "Asia/Tokyo",
    });
    expect(periods.map((period) => period.end)).toEqual(["2026-02-28T15:00:00Z", "2026-03-31T15:00:00Z"]);
  });
});

describe("local calendar days", () => {
  it("count dates, not 24-hour blocks, across a daylight-saving change", () => {
    // March 2026 in New York lasts 31 dates but 743 hours.
    expect(localDaysBetween(at("2026-03-01T05:00:00Z"), at("2026-04-01T04:00:00Z"), "America/New_York")).toBe(
      31,
    );
    expect(localDaysBetween(at("2026-01-01T23:00:00Z"), at("2026-01-02T01:00:00Z"), "UTC")).toBe(1);
    expect(localDaysBetween(at("2026-01-01T23:00:00Z"), at("2026-01-02T01:00:00Z"), "Europe/Paris")).toBe(0);
  });

  it("end a trial at the same local time, trial_days dates later (rule 4)", () => {
    expect(formatInstant(addLocalDays(at("2026-03-01T15:00:00Z"), 14, "America/New_York"))).toBe(
      "2026-03-15T14:00:00Z",
    );
  });
});
