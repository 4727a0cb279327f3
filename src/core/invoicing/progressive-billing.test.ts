import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, sumDecimals, ZERO } from "../decimal.ts";
import type { InvoiceLine } from "./invoice-line.ts";
import {
  progressiveBillingCredit,
  progressiveInvoiceLines,
  progressivelyBilledByCharge,
} from "./progressive-billing.ts";

const JANUARY = Date.UTC(2026, 0, 1);
const FEBRUARY = Date.UTC(2026, 1, 1);

function usageLine(charge: string, amount: string): InvoiceLine {
  return {
    charge,
    kind: "usage",
    periodStart: JANUARY,
    periodEnd: FEBRUARY,
    quantity: new Decimal(1),
    amount: new Decimal(amount),
    details: {
      kind: "usage",
      planCode: "pro",
      meterCode: charge,
      aggregation: "count",
      eventCount: 1,
      quantity: new Decimal(1),
      quantityIsInexact: false,
      price: {
        model: "per_unit",
        freeUnits: ZERO,
        billableUnits: new Decimal(1),
        unitPrice: new Decimal(amount),
      },
    },
  };
}

const billed = (entries: [string, string][]) =>
  progressivelyBilledByCharge(entries.map(([charge, amount]) => ({ charge, amount: new Decimal(amount) })));

describe("progressive billing", () => {
  it("adds up what progressive invoices billed per charge", () => {
    const byCharge = billed([
      ["calls", "3.00"],
      ["storage", "1.00"],
      ["calls", "4.50"],
    ]);
    expect([...byCharge].map(([charge, amount]) => [charge, amount.toFixed(2)])).toEqual([
      ["calls", "7.50"],
      ["storage", "1.00"],
    ]);
  });

  it("bills the growth of each charge once it reaches the threshold", () => {
    const usage = [usageLine("calls", "10.00"), usageLine("storage", "2.00")];
    const before = billed([
      ["calls", "7.50"],
      ["storage", "2.00"],
    ]);
    expect(
      progressiveInvoiceLines({ usageLines: usage, billed: before, threshold: new Decimal("2.51") }),
    ).toBe(undefined);
    const next = progressiveInvoiceLines({
      usageLines: usage,
      billed: before,
      threshold: new Decimal("2.50"),
    });
    expect(next?.growth.toFixed(2)).toBe("2.50");
    expect(
      next?.lines.map(({ line, billedBefore }) => [
        line.charge,
        line.amount.toFixed(2),
        billedBefore.toFixed(2),
      ]),
    ).toEqual([["calls", "2.50", "7.50"]]);
  });

  it("gives back everything billed progressively on the period's invoice, against its plan", () => {
    const credit = progressiveBillingCredit({
      usageLines: [usageLine("calls", "10.00")],
      billed: billed([["calls", "3.00"]]),
    });
    expect(credit).toMatchObject({
      charge: "progressive_billing_credit",
      kind: "proration_credit",
      periodStart: JANUARY,
      periodEnd: FEBRUARY,
      details: { planCode: "pro" },
    });
    expect(credit?.amount.toFixed(2)).toBe("-3.00");
    expect(progressiveBillingCredit({ usageLines: [usageLine("calls", "10.00")], billed: new Map() })).toBe(
      undefined,
    );
    expect(progressiveBillingCredit({ usageLines: [], billed: billed([["calls", "3.00"]]) })).toBe(undefined);
  });

  it("never bills a charge progressively beyond its usage, and leaves the rest to the period's invoice", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 1, max: 50_000 }),
        (steps, thresholdCents) => {
          const threshold = new Decimal(thresholdCents).dividedBy(100);
          // Usage only grows: each step adds cents to each of two charges.
          let soFar = { a: ZERO, b: ZERO };
          const usageNow = () => [usageLine("a", soFar.a.toFixed(2)), usageLine("b", soFar.b.toFixed(2))];
          const invoiced: { charge: string; amount: Decimal }[] = [];
          for (const [a, b] of steps) {
            soFar = {
              a: soFar.a.plus(new Decimal(a).dividedBy(100)),
              b: soFar.b.plus(new Decimal(b).dividedBy(100)),
            };
            const next = progressiveInvoiceLines({
              usageLines: usageNow(),
              billed: progressivelyBilledByCharge(invoiced),
              threshold,
            });
            if (next === undefined) continue;
            expect(next.growth.greaterThanOrEqualTo(threshold)).toBe(true);
            expect(next.lines.every(({ line }) => line.amount.greaterThan(ZERO))).toBe(true);
            invoiced.push(...next.lines.map(({ line }) => ({ charge: line.charge, amount: line.amount })));
          }
          const billedByCharge = progressivelyBilledByCharge(invoiced);
          expect((billedByCharge.get("a") ?? ZERO).lessThanOrEqualTo(soFar.a)).toBe(true);
          expect((billedByCharge.get("b") ?? ZERO).lessThanOrEqualTo(soFar.b)).toBe(true);
          const credit = progressiveBillingCredit({ usageLines: usageNow(), billed: billedByCharge });
          // The period's invoice bills the usage less exactly what progressive invoices billed.
          expect(
            (credit?.amount ?? ZERO).negated().equals(sumDecimals(invoiced.map((line) => line.amount))),
          ).toBe(true);
        },
      ),
    );
  });
});
