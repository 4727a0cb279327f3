import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { billingPeriods } from "./billing-periods.ts";
import { currencyFor } from "./currency.ts";
import { Decimal, sumDecimals } from "./decimal.ts";
import { roundToMinorUnit } from "./money.ts";
import { prorate, prorationFactor, WHOLE_PERIOD } from "./proration.ts";
import { addLocalDays } from "./time-zone.ts";

const USD = currencyFor("USD");
const ZONES = ["UTC", "America/New_York", "Europe/Paris", "Asia/Kolkata", "Australia/Lord_Howe"];

describe("proration", () => {
  it("is amount × days / full days, exact until rounded", () => {
    const period = billingPeriods({
      from: Date.UTC(2026, 3, 10),
      interval: { unit: "month", count: 1 },
      alignment: "calendar",
      timeZone: "UTC",
    }).next().value;
    const factor = prorationFactor({ from: period.start, to: period.end }, period, "UTC");
    expect(factor).toEqual({ days: 21, fullDays: 30 });
    expect(prorate(new Decimal("300.00"), factor).toFixed()).toBe("210");
    expect(prorate(new Decimal("10"), { days: 1, fullDays: 3 }).toFixed(20)).toBe("3.33333333333333333333");
    expect(prorate(new Decimal("49.99"), WHOLE_PERIOD).toFixed()).toBe("49.99");
  });

  it("splits a period at any days into pieces that add up to the whole amount within one minor unit per piece", () => {
    const scenario = fc.record({
      // Any start between 2000 and 2040, in minutes.
      startMinute: fc.integer({ min: 15_778_080, max: 36_819_360 }),
      timeZone: fc.constantFrom(...ZONES),
      unit: fc.constantFrom("day", "week", "month", "quarter", "year") as fc.Arbitrary<
        "day" | "week" | "month" | "quarter" | "year"
      >,
      count: fc.integer({ min: 1, max: 3 }),
      alignment: fc.constantFrom("anniversary", "calendar") as fc.Arbitrary<"anniversary" | "calendar">,
      cents: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(scenario, (input) => {
        const periods = billingPeriods({
          from: input.startMinute * 60_000,
          interval: { unit: input.unit, count: input.count },
          alignment: input.alignment,
          timeZone: input.timeZone,
        });
        periods.next();
        const period = periods.next().value; // a whole period
        const factor = prorationFactor({ from: period.start, to: period.end }, period, input.timeZone);
        // Cut points are whole local days into the period.
        const cutDays = [...new Set(input.cuts.map((share) => Math.floor(share * factor.fullDays)))].sort(
          (a, b) => a - b,
        );
        const bounds = [
          period.start,
          ...cutDays
            .map((days) => addLocalDays(period.start, days, input.timeZone))
            .filter((cut) => cut > period.start && cut < period.end),
          period.end,
        ];
        const amount = new Decimal(input.cents.toString()).dividedBy(100);
        const pieces = bounds.slice(1).map((end, index) => {
          const pieceFactor = prorationFactor({ from: bounds[index]!, to: end }, period, input.timeZone);
          return roundToMinorUnit(prorate(amount, pieceFactor), USD);
        });
        const pieceCount = pieces.length;
        const difference = sumDecimals(pieces).minus(amount).abs();
        expect(difference.lessThanOrEqualTo(new Decimal("0.01").times(pieceCount))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
