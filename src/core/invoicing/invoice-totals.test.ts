import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal, sumDecimals, ZERO } from "../decimal.ts";
import type { Coupon, CreditGrant } from "./adjustments.ts";
import type { InvoiceLine } from "./invoice-line.ts";
import {
  type AccountState,
  type AccountTerms,
  openingAccountState,
  settleInvoice,
} from "./invoice-totals.ts";

const USD = currencyFor("USD");
const DAY = 86_400_000;

function line(amount: string): InvoiceLine {
  return {
    charge: "fee",
    kind: "fixed",
    periodStart: 0,
    periodEnd: DAY,
    quantity: new Decimal(1),
    amount: new Decimal(amount),
    details: {
      kind: "fixed",
      planCode: "p",
      timing: "in_advance",
      fullAmount: new Decimal(amount),
      proration: { days: 1, fullDays: 1 },
    },
  };
}

/** Settles invoices of the given line amounts one after another, issued a day apart. */
function settleAll(terms: Partial<AccountTerms>, invoices: string[][]) {
  const fullTerms: AccountTerms = { currency: USD, coupons: [], creditGrants: [], ...terms };
  let state: AccountState = openingAccountState(fullTerms.creditGrants);
  return invoices.map((amounts, index) => {
    const settled = settleInvoice({
      issuedAt: index * DAY,
      lines: amounts.map(line),
      terms: fullTerms,
      state,
    });
    state = settled.state;
    const { subtotal, discount, credits, tax, total, balanceApplied, amountDue } = settled.invoice;
    return Object.fromEntries(
      Object.entries({ subtotal, discount, credits, tax, total, balanceApplied, amountDue }).map(
        ([name, value]) => [name, value.toFixed(2)],
      ),
    );
  });
}

const percentage = (
  id: string,
  percent: string,
  duration: Coupon["duration"] = { type: "forever" },
): Coupon => ({
  id,
  discount: { type: "percentage", percent: new Decimal(percent) },
  duration,
});
const fixed = (id: string, amount: string, duration: Coupon["duration"] = { type: "forever" }): Coupon => ({
  id,
  discount: { type: "fixed", amount: new Decimal(amount) },
  duration,
});
const grant = (
  id: string,
  amount: string,
  priority: number,
  window: { from?: number; to?: number } = {},
): CreditGrant => ({
  id,
  amount: new Decimal(amount),
  effectiveAt: window.from ?? 0,
  ...(window.to === undefined ? {} : { expiresAt: window.to }),
  priority,
});

describe("discounts", () => {
  it("apply coupons in order, each on what the previous left and rounded on its own", () => {
    const [invoice] = settleAll(
      { coupons: [percentage("a", "10"), fixed("b", "5.00"), percentage("c", "33.333")] },
      [["100.00"]],
    );
    // 10.00, then 5.00, then 33.333 % of 85.00 = 28.33305 → 28.33
    expect(invoice?.discount).toBe("43.33");
  });

  it("never take more than what remains, and skip a non-positive subtotal", () => {
    const invoices = settleAll({ coupons: [fixed("big", "500.00")] }, [["30.00"], ["-10.00"]]);
    expect(invoices.map((invoice) => invoice.discount)).toEqual(["30.00", "0.00"]);
  });

  it("count repeating coupons over invoices with a positive subtotal only (rule 17)", () => {
    const coupons = [
      percentage("first", "100"),
      percentage("second", "50", { type: "repeating", invoices: 2 }),
    ];
    const invoices = settleAll({ coupons }, [["10.00"], ["0.00"], ["10.00"], ["10.00"]]);
    // The second coupon counts invoices 1 and 3 although the first left it nothing to take.
    expect(invoices.map((invoice) => invoice.discount)).toEqual(["10.00", "0.00", "10.00", "10.00"]);
    const alone = settleAll({ coupons: [coupons[1]!] }, [["10.00"], ["-1.00"], ["10.00"], ["10.00"]]);
    expect(alone.map((invoice) => invoice.discount)).toEqual(["5.00", "0.00", "5.00", "0.00"]);
  });
});

describe("credit grants", () => {
  it("are used by priority, then earliest expiry, then order listed, and carry over", () => {
    const creditGrants = [
      grant("late", "50.00", 1),
      grant("soon", "5.00", 1, { to: 10 * DAY }),
      grant("urgent", "3.00", 0),
    ];
    const invoices = settleAll({ creditGrants }, [["10.00"], ["100.00"], ["100.00"]]);
    expect(invoices.map((invoice) => invoice.credits)).toEqual(["10.00", "48.00", "0.00"]);
  });

  it("apply only from effective_at and until before expires_at", () => {
    const creditGrants = [grant("window", "100.00", 0, { from: DAY, to: 2 * DAY })];
    const invoices = settleAll({ creditGrants }, [["10.00"], ["10.00"], ["10.00"]]);
    expect(invoices.map((invoice) => invoice.credits)).toEqual(["0.00", "10.00", "0.00"]);
  });

  it("come after discounts", () => {
    const [invoice] = settleAll({ coupons: [fixed("c", "8.00")], creditGrants: [grant("g", "5.00", 0)] }, [
      ["10.00"],
    ]);
    expect(invoice).toMatchObject({ discount: "8.00", credits: "2.00", total: "0.00" });
  });
});

describe("tax and balance", () => {
  it("taxes what remains after discounts and credits, negative amounts too, rounded half away from zero", () => {
    const invoices = settleAll({ tax: { percent: new Decimal("20") } }, [["10.05"], ["-10.05"]]);
    expect(invoices.map((invoice) => [invoice.tax, invoice.total])).toEqual([
      ["2.01", "12.06"],
      ["-2.01", "-12.06"],
    ]);
  });

  it("turns a negative total into balance used by later positive totals, never its own (rule 19)", () => {
    const invoices = settleAll({}, [["-30.00"], ["10.00"], ["50.00"], ["5.00"]]);
    expect(invoices.map((invoice) => [invoice.balanceApplied, invoice.amountDue])).toEqual([
      ["0.00", "0.00"],
      ["10.00", "0.00"],
      ["20.00", "30.00"],
      ["0.00", "5.00"],
    ]);
  });
});

describe("totals (property)", () => {
  const cents = (min: number, max: number) =>
    fc.integer({ min, max }).map((value) => new Decimal(value).dividedBy(100).toFixed(2));
  const terms = fc.record({
    coupons: fc.array(
      fc.oneof(
        fc
          .record({ percent: fc.integer({ min: 0, max: 100 }), invoices: fc.integer({ min: 1, max: 3 }) })
          .map(({ percent, invoices }) =>
            percentage(`p${percent}`, String(percent), { type: "repeating", invoices }),
          ),
        cents(0, 5_000).map((amount) => fixed(`f${amount}`, amount)),
      ),
      { maxLength: 3 },
    ),
    grants: fc.array(fc.tuple(cents(0, 10_000), fc.integer({ min: 0, max: 2 })), { maxLength: 3 }),
    tax: fc.integer({ min: 0, max: 2_500 }),
  });
  const invoices = fc.array(fc.array(cents(-20_000, 20_000), { maxLength: 4 }), {
    minLength: 1,
    maxLength: 6,
  });

  it("total = subtotal − discount − credits + tax, subtotal = Σ lines, amount due = max(0, total − balance applied)", () => {
    fc.assert(
      fc.property(terms, invoices, (generated, lineAmounts) => {
        const accountTerms: AccountTerms = {
          currency: USD,
          coupons: generated.coupons.map((coupon, index) => ({ ...coupon, id: `${coupon.id}-${index}` })),
          creditGrants: generated.grants.map(([amount, priority], index) =>
            grant(`g${index}`, amount, priority),
          ),
          tax: { percent: new Decimal(generated.tax).dividedBy(100) },
        };
        let state = openingAccountState(accountTerms.creditGrants);
        for (const [index, amounts] of lineAmounts.entries()) {
          const settled = settleInvoice({
            issuedAt: index * DAY,
            lines: amounts.map(line),
            terms: accountTerms,
            state,
          });
          const invoice = settled.invoice;
          expect(invoice.subtotal.equals(sumDecimals(invoice.lines.map((entry) => entry.amount)))).toBe(true);
          expect(invoice.discount.equals(sumDecimals(invoice.discounts.map((entry) => entry.amount)))).toBe(
            true,
          );
          expect(
            invoice.credits.equals(sumDecimals(invoice.creditsApplied.map((entry) => entry.amount))),
          ).toBe(true);
          expect(
            invoice.total.equals(
              invoice.subtotal.minus(invoice.discount).minus(invoice.credits).plus(invoice.tax),
            ),
          ).toBe(true);
          expect(
            invoice.amountDue.equals(Decimal.max(ZERO, invoice.total.minus(invoice.balanceApplied))),
          ).toBe(true);
          for (const figure of [
            invoice.discount,
            invoice.credits,
            invoice.tax,
            invoice.total,
            invoice.amountDue,
          ]) {
            expect(figure.decimalPlaces()).toBeLessThanOrEqual(2);
          }
          expect(
            invoice.discount.plus(invoice.credits).lessThanOrEqualTo(Decimal.max(ZERO, invoice.subtotal)),
          ).toBe(true);
          state = settled.state;
        }
      }),
    );
  });
});
