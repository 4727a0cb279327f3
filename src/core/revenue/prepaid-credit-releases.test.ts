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
});
