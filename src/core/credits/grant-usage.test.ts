import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal } from "../decimal.ts";
import { creditsReturnedBy, type GrantLedgerMovement, grantAmountUsed } from "./grant-usage.ts";

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

describe("creditsReturnedBy", () => {
  const usd = currencyFor("USD");
  // 100 credits sold for 80.00.
  const returned = (refunded: string, remaining: string, movements: GrantLedgerMovement[] = []) =>
    creditsReturnedBy({
      refund: { total: new Decimal(refunded), tax: new Decimal(0) },
      sale: { total: new Decimal("80.00"), tax: new Decimal(0) },
      grantAmount: new Decimal("100"),
      remaining: new Decimal(remaining),
      movements,
      currency: usd,
    });

  it("takes back the refund's share of the credits left", () => {
    expect(returned("40", "100")).toMatchObject({ ok: true, credits: new Decimal("50") });
    expect(returned("80", "100")).toMatchObject({ ok: true, credits: new Decimal("100") });
    // 0.02 of 80.00 for 100 credits: 0.025, ties away from zero; 0.001 takes the smallest amount, 0.01.
    expect(returned("0.02", "100")).toMatchObject({ ok: true, credits: new Decimal("0.03") });
    expect(returned("0.001", "100")).toMatchObject({ ok: true, credits: new Decimal("0.01") });
  });

  it("reads the sale and the refund net of tax", () => {
    // 80.00 + 19% VAT for 100 credits; a credit note of 40.00 + 7.60 VAT refunds half the sale.
    const outcome = creditsReturnedBy({
      refund: { total: new Decimal("47.60"), tax: new Decimal("7.60") },
      sale: { total: new Decimal("95.20"), tax: new Decimal("15.20") },
      grantAmount: new Decimal("100"),
      remaining: new Decimal("100"),
      movements: [],
      currency: usd,
    });
    expect(outcome).toEqual({ ok: true, credits: new Decimal("50"), refunded: new Decimal("40") });
  });

  it("values what is left as finance does: less what used credits released and earlier refunds", () => {
    // 40.00 refunded for 50 credits, then 29 used at 0.80 (23.20): 16.80 left, for the 21 credits left.
    const movements = [{ ...movement("void", "-50"), refunded: new Decimal("40") }, movement("burn", "-29")];
    expect(returned("40", "21", movements)).toEqual({ ok: false, creditable: new Decimal("16.8") });
    expect(returned("16.80", "21", movements)).toMatchObject({ ok: true, credits: new Decimal("21") });
    expect(returned("8.40", "21", movements)).toMatchObject({ ok: true, credits: new Decimal("10.5") });
  });

  it("refuses any refund once nothing is left", () => {
    expect(returned("0.01", "0", [movement("expiry", "-100")])).toEqual({
      ok: false,
      creditable: new Decimal(0),
    });
    expect(returned("0.01", "0", [movement("burn", "-100")])).toEqual({
      ok: false,
      creditable: new Decimal(0),
    });
  });

  it("never takes back more than is left, and takes everything for all that is left", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (soldForCents, grantCents, usedShare, refundedShare) => {
          const soldFor = new Decimal(soldForCents).dividedBy(100);
          const grantAmount = new Decimal(grantCents).dividedBy(100);
          const used = new Decimal(Math.floor((grantCents * usedShare) / 1_000_000)).dividedBy(100);
          const remaining = grantAmount.minus(used);
          const movements = used.isZero() ? [] : [movement("burn", used.negated().toFixed())];
          const sale = { total: soldFor, tax: new Decimal(0) };
          const input = { sale, grantAmount, remaining, movements, currency: usd };
          const refunded = new Decimal(Math.floor((soldForCents * refundedShare) / 1_000_000)).dividedBy(100);
          const outcome = creditsReturnedBy({ ...input, refund: { total: refunded, tax: new Decimal(0) } });
          if (outcome.ok) {
            expect(outcome.credits.lessThanOrEqualTo(remaining)).toBe(true);
            return;
          }
          expect(outcome.creditable.lessThan(refunded)).toBe(true);
          const most = creditsReturnedBy({
            ...input,
            refund: { total: outcome.creditable, tax: new Decimal(0) },
          });
          if (remaining.isZero()) expect(outcome.creditable.isZero()).toBe(true);
          else expect(most).toEqual({ ok: true, credits: remaining, refunded: outcome.creditable });
        },
      ),
    );
  });
});
