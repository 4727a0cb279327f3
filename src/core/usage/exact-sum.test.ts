import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalDecimalText, Decimal } from "../decimal.ts";
import { ExactSum, numericText } from "./exact-sum.ts";
import { toDecimal } from "./usage-event.ts";

const numbers = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 1e21, 1e-7),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const values = fc.oneof(
  numbers,
  numbers.map((value) => new Decimal(value).dividedBy(7)),
);

describe("exact sums as text", () => {
  it("writes a value as canonicalDecimalText does", () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(numericText(value)).toBe(canonicalDecimalText(toDecimal(value)));
      }),
      { numRuns: 2_000 },
    );
  });

  it("writes a sum's total as canonicalDecimalText does, in and out of the safe range", () => {
    fc.assert(
      fc.property(fc.array(values, { maxLength: 20 }), (added) => {
        const sum = new ExactSum();
        for (const value of added) sum.add(value);
        expect(sum.text()).toBe(canonicalDecimalText(sum.total()));
      }),
      { numRuns: 1_000 },
    );
  });
});
