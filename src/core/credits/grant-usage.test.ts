import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../decimal.ts";
import { type GrantLedgerMovement, grantAmountUsed } from "./grant-usage.ts";

const movement = (kind: GrantLedgerMovement["kind"], amount: string): GrantLedgerMovement => ({
  kind,
  amount: new Decimal(amount),
});

describe("grantAmountUsed", () => {
  it("counts burns net of what voided invoices gave back", () => {
    const used = grantAmountUsed([
      movement("increment", "100"),
      movement("burn", "-30"),
      movement("burn", "-20.50"),
      movement("void_reversal", "30"),
    ]);
    expect(used.toFixed(2)).toBe("20.50");
  });

  it("does not count credits lost to an expiry or a void as used", () => {
    const used = grantAmountUsed([
      movement("increment", "100"),
      movement("burn", "-10"),
      movement("expiry", "-90"),
    ]);
    expect(used.toFixed(2)).toBe("10.00");
    expect(grantAmountUsed([movement("increment", "100"), movement("void", "-100")]).isZero()).toBe(true);
  });

  it("is zero for an untouched grant, and once every burn is given back", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 20 }), (cents) => {
        const burns = cents.map((cent) =>
          movement("burn", new Decimal(cent).dividedBy(100).negated().toFixed()),
        );
        const reversals = cents.map((cent) =>
          movement("void_reversal", new Decimal(cent).dividedBy(100).toFixed()),
        );
        const total = cents.reduce((sum, cent) => sum + cent, 0);
        expect(
          grantAmountUsed([movement("increment", "1000"), ...burns])
            .times(100)
            .toNumber(),
        ).toBe(total);
        expect(grantAmountUsed([movement("increment", "1000"), ...burns, ...reversals]).isZero()).toBe(true);
      }),
    );
  });
});
