import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { billingPeriods, type IntervalUnit } from "./billing-periods.ts";
import { addLocalDays, addLocalMonths, localDaysBetween } from "./time-zone.ts";

// UTC is computed with plain arithmetic on epoch milliseconds; every other
// zone goes through Temporal. These properties hold the arithmetic to what
// Temporal answers for UTC, over instants from year 1 to year 9999.
const firstInstant = Temporal.ZonedDateTime.from("0001-01-01T00:00[UTC]").epochMilliseconds;
const lastInstant = Temporal.ZonedDateTime.from("9999-12-31T23:59:59.999[UTC]").epochMilliseconds;
const instants = fc.integer({ min: firstInstant, max: lastInstant });
const utc = (instant: number) => Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO("UTC");

describe("local calendar arithmetic in UTC", () => {
  it("counts the days between two instants' dates as Temporal does", () => {
    fc.assert(
      fc.property(instants, instants, (from, to) => {
        const expected = utc(to).toPlainDate().since(utc(from).toPlainDate(), { largestUnit: "days" }).days;
        expect(localDaysBetween(from, to, "UTC")).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it("adds days and months as Temporal does, clamping the day to the month's end", () => {
    fc.assert(
      fc.property(
        instants,
        fc.integer({ min: -1_200, max: 1_200 }),
        fc.integer({ min: -3_000, max: 3_000 }),
        (instant, months, days) => {
          const monthsLater = utc(instant).add({ months });
          fc.pre(monthsLater.year >= 1 && monthsLater.year <= 9999);
          expect(addLocalMonths(instant, months, "UTC")).toBe(monthsLater.epochMilliseconds);
          expect(addLocalDays(instant, days, "UTC")).toBe(utc(instant).add({ days }).epochMilliseconds);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("keeps the day of the anchor where the month has it: Jan 31 gives Feb 28, then Mar 31", () => {
    const anchor = Date.UTC(2025, 0, 31, 9, 30);
    expect(addLocalMonths(anchor, 1, "UTC")).toBe(Date.UTC(2025, 1, 28, 9, 30));
    expect(addLocalMonths(anchor, 2, "UTC")).toBe(Date.UTC(2025, 2, 31, 9, 30));
    expect(addLocalMonths(Date.UTC(2024, 1, 29), 12, "UTC")).toBe(Date.UTC(2025, 1, 28));
    // A year under 100 stays itself (Date.UTC would read 50 as 1950).
    const yearFifty = Temporal.ZonedDateTime.from("0050-01-15T00:00[UTC]").epochMilliseconds;
    expect(new Date(addLocalMonths(yearFifty, 1, "UTC")).getUTCFullYear()).toBe(50);
  });

  it("gives the same anniversary periods in UTC as Temporal's arithmetic from the anchor", () => {
    const units: IntervalUnit[] = ["day", "week", "month", "quarter", "year"];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
        fc.constantFrom(...units),
        fc.integer({ min: 1, max: 12 }),
        (anchor, unit, count) => {
          const periods = billingPeriods({
            from: anchor,
            interval: { unit, count },
            alignment: "anniversary",
            timeZone: "UTC",
          });
          for (let index = 1; index <= 14; index++) {
            const period = periods.next().value;
            const units = count * index;
            const duration =
              unit === "quarter" ? { months: 3 * units } : ({ [`${unit}s`]: units } as Temporal.DurationLike);
            expect(period.end).toBe(utc(anchor).add(duration).epochMilliseconds);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps other zones on Temporal: a month in Paris across the spring change", () => {
    const anchor = Temporal.ZonedDateTime.from("2025-02-28T02:30[Europe/Paris]").epochMilliseconds;
    expect(addLocalMonths(anchor, 1, "Europe/Paris")).toBe(
      Temporal.ZonedDateTime.from("2025-03-28T02:30[Europe/Paris]").epochMilliseconds,
    );
    expect(localDaysBetween(anchor, addLocalMonths(anchor, 1, "Europe/Paris"), "Europe/Paris")).toBe(28);
  });
});
