// Splitting amounts over weights: the pieces always add up to the amount, to
// the minor unit, which is what keeps credit notes, schedules and journals exact.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateAmount } from "./allocation.ts";
import { currencyFor } from "./currency.ts";
import { Decimal } from "./decimal.ts";

const usd = currencyFor("USD");
const amounts = (pieces: Decimal[]) => pieces.map((piece) => piece.toFixed(2));

describe("allocateAmount", () => {
  it("gives the cents left over to the largest remainders, ties to the first", () => {
    expect(
      amounts(
        allocateAmount(
          new Decimal("100.00"),
          [1, 1, 1].map((weight) => new Decimal(weight)),
          usd,
        ),
      ),
    ).toEqual(["33.34", "33.33", "33.33"]);
    expect(amounts(allocateAmount(new Decimal("-10.00"), [new Decimal(2), new Decimal(1)], usd))).toEqual([
      "-6.67",
      "-3.33",
    ]);
  });

  it("splits over weights of both signs, and puts everything on the first piece when they cancel out", () => {
    expect(amounts(allocateAmount(new Decimal("45.00"), [new Decimal(100), new Decimal(-10)], usd))).toEqual([
      "50.00",
      "-5.00",
    ]);
    expect(amounts(allocateAmount(new Decimal("0.00"), [new Decimal(5), new Decimal(-5)], usd))).toEqual([
      "0.00",
      "0.00",
    ]);
  });

  it("splits in whole yen and whole fils", () => {
    const pieces = (code: string, total: string) =>
      allocateAmount(
        new Decimal(total),
        [1, 1, 1].map((weight) => new Decimal(weight)),
        currencyFor(code),
      ).map((piece) => piece.toFixed());
    expect(pieces("JPY", "100")).toEqual(["34", "33", "33"]);
    expect(pieces("BHD", "1.000")).toEqual(["0.334", "0.333", "0.333"]);
    expect(() => allocateAmount(new Decimal("1.5"), [new Decimal(1)], currencyFor("JPY"))).toThrow(/JPY/);
  });

  it("always adds up to the amount, each piece within a cent of its exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        (cents, weights) => {
          const total = new Decimal(cents).dividedBy(100);
          const decimals = weights.map((weight) => new Decimal(weight));
          const pieces = allocateAmount(total, decimals, usd);
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
