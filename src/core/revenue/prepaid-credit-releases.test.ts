import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal, sumDecimals } from "../decimal.ts";
import { prepaidCreditReleases } from "./prepaid-credit-releases.ts";

const usd = currencyFor("USD");

describe("prepaidCreditReleases", () => {
  it("releases a discounted grant's value on the running total, a void giving its part back", () => {
    // 100.00 of credits sold for 90.00: 33.33 used twice (29.997 then 59.994 released so far, rounded),
    // the second given back by a void, then 66.67 used: 90.00 in all.
    const releases = prepaidCreditReleases({
      grantAmount: new Decimal("100.00"),
      deferredValue: new Decimal("90.00"),
      movements: [
        { amount: new Decimal("33.33"), givesBack: false },
        { amount: new Decimal("33.33"), givesBack: false },
        { amount: new Decimal("33.33"), givesBack: true },
        { amount: new Decimal("66.67"), givesBack: false },
      ],
      currency: usd,
    });
    expect(releases.map((value) => value.toFixed(2))).toEqual(["30.00", "29.99", "-29.99", "60.00"]);
  });

  it("releases exactly the deferred value once the grant is used up, in any steps", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 100 }),
        (steps, percentPaid) => {
          const grantAmount = new Decimal(steps.reduce((sum, cents) => sum + cents, 0)).dividedBy(100);
          const deferredValue = grantAmount.times(percentPaid).dividedBy(100).toDecimalPlaces(2);
          const releases = prepaidCreditReleases({
            grantAmount,
            deferredValue,
            movements: steps.map((cents) => ({
              amount: new Decimal(cents).dividedBy(100),
              givesBack: false,
            })),
            currency: usd,
          });
          expect(sumDecimals(releases).equals(deferredValue)).toBe(true);
        },
      ),
    );
  });

  it("releases what a credit note took off with the credits it took back, and the rest at the price left", () => {
    // 100 credits sold for 80.00; a credit note refunds 40.00 (50 credits); 29 used at 40.00 / 50 = 0.80
    // (23.20); a last credit note refunds 16.80 for the 21 left: 80.00 in all.
    const releases = prepaidCreditReleases({
      grantAmount: new Decimal("100"),
      deferredValue: new Decimal("80.00"),
      movements: [
        { amount: new Decimal("50"), givesBack: false, returns: new Decimal("40.00") },
        { amount: new Decimal("29"), givesBack: false },
        { amount: new Decimal("21"), givesBack: false, returns: new Decimal("16.80") },
      ],
      currency: usd,
    });
    expect(releases.map((value) => value.toFixed(2))).toEqual(["40.00", "23.20", "16.80"]);
  });

  it("releases exactly the deferred value once the grant is gone, whatever credit notes took back on the way", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.boolean()), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 1, max: 100 }),
        (steps, percentPaid) => {
          const grantAmount = new Decimal(steps.reduce((sum, [cents]) => sum + cents, 0)).dividedBy(100);
          const deferredValue = grantAmount.times(percentPaid).dividedBy(100).toDecimalPlaces(2);
          // A credit note refunds its credits at the sale's price, rounded down.
          const movements = steps.map(([cents, returned]) => {
            const amount = new Decimal(cents).dividedBy(100);
            if (!returned) return { amount, givesBack: false };
            const refund = amount
              .times(deferredValue)
              .dividedBy(grantAmount)
              .toDecimalPlaces(2, Decimal.ROUND_DOWN);
            return { amount, givesBack: false, returns: refund };
          });
          const releases = prepaidCreditReleases({ grantAmount, deferredValue, movements, currency: usd });
          expect(sumDecimals(releases).equals(deferredValue)).toBe(true);
          // Each return releases what its credit note refunded, but the last, which takes what is left.
          movements.slice(0, -1).forEach((movement, index) => {
            if (movement.returns !== undefined) expect(releases[index]?.equals(movement.returns)).toBe(true);
          });
        },
      ),
    );
  });

  it("releases all the deferred value left with a return that takes back every credit left", () => {
    const releases = prepaidCreditReleases({
      grantAmount: new Decimal("100"),
      deferredValue: new Decimal("80.00"),
      movements: [
        { amount: new Decimal("30"), givesBack: false },
        { amount: new Decimal("70"), givesBack: false, returns: new Decimal("55.00") },
      ],
      currency: usd,
    });
    // 30 used at 0.80 (24.00); the credit note refunds 55.00 of the 56.00 left: 56.00 leaves with it.
    expect(releases.map((value) => value.toFixed(2))).toEqual(["24.00", "56.00"]);
  });
});
