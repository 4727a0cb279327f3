// Splitting amounts over weights and days: the pieces always add up to the
// amount, to the cent, which is what keeps schedules and journals exact.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyFor, Decimal } from "../core/index.ts";
import { allocate } from "./allocation.ts";
import { daysServed, inPeriodOfUse, ratableByDay } from "./recognition-patterns.ts";

const usd = currencyFor("USD");
const at = (text: string) => Date.parse(text);
const amounts = (pieces: Decimal[]) => pieces.map((piece) => piece.toFixed(2));

describe("allocate", () => {
  it("gives the cents left over to the largest remainders, ties to the first", () => {
    expect(
      amounts(
        allocate(
          new Decimal("100.00"),
          [1, 1, 1].map((weight) => new Decimal(weight)),
          usd,
        ),
      ),
    ).toEqual(["33.34", "33.33", "33.33"]);
    expect(amounts(allocate(new Decimal("-10.00"), [new Decimal(2), new Decimal(1)], usd))).toEqual([
      "-6.67",
      "-3.33",
    ]);
  });

  it("splits over weights of both signs, and puts everything on the first piece when they cancel out", () => {
    expect(amounts(allocate(new Decimal("45.00"), [new Decimal(100), new Decimal(-10)], usd))).toEqual([
      "50.00",
      "-5.00",
    ]);
    expect(amounts(allocate(new Decimal("0.00"), [new Decimal(5), new Decimal(-5)], usd))).toEqual([
      "0.00",
      "0.00",
    ]);
  });

  it("always adds up to the amount, each piece within a cent of its exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        (cents, weights) => {
          const total = new Decimal(cents).dividedBy(100);
          const decimals = weights.map((weight) => new Decimal(weight));
          const pieces = allocate(total, decimals, usd);
          const sum = weights.reduce((all, weight) => all + weight, 0);
          expect(pieces.reduce((all, piece) => all.plus(piece), new Decimal(0)).equals(total)).toBe(true);
          pieces.forEach((piece, index) => {
            const exact = total.times(weights[index] as number).dividedBy(sum);
            expect(piece.minus(exact).abs().lessThan("0.01")).toBe(true);
          });
        },
      ),
    );
  });
});

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
