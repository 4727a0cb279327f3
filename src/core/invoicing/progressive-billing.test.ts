import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyFor } from "../currency.ts";
import { Decimal, sumDecimals, ZERO } from "../decimal.ts";
import type { Coupon } from "./adjustments.ts";
import type { InvoiceLine } from "./invoice-line.ts";
import { type AccountTerms, type Invoice, settleInvoice } from "./invoice-totals.ts";
import {
  type ProgressivelyDiscounted,
  progressiveBillingCredit,
  progressiveInvoiceLines,
  progressivelyBilledByCharge,
  progressivelyDiscountedByCoupon,
  settleProgressiveInvoice,
} from "./progressive-billing.ts";

const USD = currencyFor("USD");
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

const percentOff = (
  id: string,
  percent: string,
  duration: Coupon["duration"] = { type: "forever" },
): Coupon => ({
  id,
  discount: { type: "percentage", percent: new Decimal(percent) },
  duration,
});
const amountOff = (
  id: string,
  amount: string,
  duration: Coupon["duration"] = { type: "forever" },
): Coupon => ({
  id,
  discount: { type: "fixed", amount: new Decimal(amount) },
  duration,
});

/**
 * A period billed progressively as usage grows through `steps` (each the
 * usage lines so far), then closed by its own invoice at `final`: every
 * invoice, the period's own last, with the coupon counts it leaves.
 */
function billPeriod(input: {
  steps: readonly (readonly InvoiceLine[])[];
  final: readonly InvoiceLine[];
  threshold: Decimal;
  terms: AccountTerms;
  counts?: ReadonlyMap<string, number>;
}): { invoices: Invoice[]; counts: ReadonlyMap<string, number> } {
  const counts = input.counts ?? new Map<string, number>();
  const early: Invoice[] = [];
  const billed = () =>
    progressivelyBilledByCharge(
      early.flatMap((invoice) => invoice.lines.map((line) => ({ charge: line.charge, amount: line.amount }))),
    );
  const discounted = (): ProgressivelyDiscounted =>
    progressivelyDiscountedByCoupon(early.flatMap((invoice) => invoice.discounts));
  for (const usageLines of input.steps) {
    const next = settleProgressiveInvoice({
      issuedAt: JANUARY,
      usageLines,
      billed: billed(),
      discounted: discounted(),
      threshold: input.threshold,
      terms: input.terms,
      couponInvoiceCounts: counts,
    });
    if (next !== undefined) early.push(next.invoice);
  }
  const credit = progressiveBillingCredit({ usageLines: input.final, billed: billed() });
  const own = settleInvoice({
    issuedAt: FEBRUARY,
    lines: credit === undefined ? input.final : [...input.final, credit],
    terms: input.terms,
    state: { couponInvoiceCounts: counts, grantBalances: new Map(), customerBalance: ZERO },
    progressive: { discounted: discounted() },
  });
  return { invoices: [...early, own.invoice], counts: own.state.couponInvoiceCounts };
}

/** The period billed on one invoice, without progressive billing. */
function billWhole(lines: readonly InvoiceLine[], terms: AccountTerms, counts = new Map<string, number>()) {
  return settleInvoice({
    issuedAt: FEBRUARY,
    lines,
    terms,
    state: { couponInvoiceCounts: counts, grantBalances: new Map(), customerBalance: ZERO },
  });
}

const figures = (invoice: Invoice) =>
  [invoice.subtotal, invoice.discount, invoice.tax, invoice.total].map((amount) => amount.toFixed(2));
const sumOf = (invoices: readonly Invoice[], field: "subtotal" | "discount" | "tax" | "total") =>
  sumDecimals(invoices.map((invoice) => invoice[field]));

describe("coupons on progressive billing (billing rule 28)", () => {
  it("takes 20% of the period's 1,000.00 over its invoices, 160.00 of the 800.00 billed early and 40.00 at the end", () => {
    const terms: AccountTerms = {
      currency: USD,
      coupons: [percentOff("twenty", "20")],
      creditGrants: [],
      tax: { percent: new Decimal(10) },
    };
    const { invoices } = billPeriod({
      steps: [[usageLine("calls", "800.00")]],
      final: [usageLine("calls", "1000.00")],
      threshold: new Decimal(800),
      terms,
    });
    expect(invoices.map(figures)).toEqual([
      ["800.00", "160.00", "64.00", "704.00"],
      ["200.00", "40.00", "16.00", "176.00"],
    ]);
    expect(figures(billWhole([usageLine("calls", "1000.00")], terms).invoice)).toEqual([
      "1000.00",
      "200.00",
      "80.00",
      "880.00",
    ]);
  });

  it("uses a fixed coupon once a period, whatever the number of progressive invoices", () => {
    const terms: AccountTerms = { currency: USD, coupons: [amountOff("off", "150.00")], creditGrants: [] };
    const { invoices } = billPeriod({
      steps: [[usageLine("calls", "120.00")], [usageLine("calls", "250.00")]],
      final: [usageLine("calls", "300.00")],
      threshold: new Decimal(100),
      terms,
    });
    expect(invoices.map((invoice) => invoice.discount.toFixed(2))).toEqual(["120.00", "30.00", "0.00"]);
  });

  it("counts the period once, on its own invoice, also when progressive invoices billed all of it", () => {
    const terms: AccountTerms = {
      currency: USD,
      coupons: [percentOff("once", "10", { type: "repeating", invoices: 1 })],
      creditGrants: [],
    };
    const { invoices, counts } = billPeriod({
      steps: [[usageLine("calls", "150.00")]],
      final: [usageLine("calls", "150.00")],
      threshold: new Decimal(100),
      terms,
    });
    expect(invoices.map(figures)).toEqual([
      ["150.00", "15.00", "0.00", "135.00"],
      ["0.00", "0.00", "0.00", "0.00"],
    ]);
    expect(counts.get("once")).toBe(1);
    // Used up by that period: the next period's progressive invoices take nothing of it.
    const next = billPeriod({
      steps: [[usageLine("calls", "200.00")]],
      final: [usageLine("calls", "200.00")],
      threshold: new Decimal(100),
      terms,
      counts,
    });
    expect(next.invoices.map((invoice) => invoice.discount.toFixed(2))).toEqual(["0.00", "0.00"]);
  });

  it("takes from a coupon redeemed after the period's early invoices its share of the whole period", () => {
    const early = billPeriod({
      steps: [[usageLine("calls", "800.00")]],
      final: [usageLine("calls", "1000.00")],
      threshold: new Decimal(800),
      terms: { currency: USD, coupons: [], creditGrants: [] },
    });
    expect(early.invoices[0]?.discount.toFixed(2)).toBe("0.00");
    const credit = progressiveBillingCredit({
      usageLines: [usageLine("calls", "1000.00")],
      billed: billed([["calls", "800.00"]]),
    });
    const own = settleInvoice({
      issuedAt: FEBRUARY,
      lines: [usageLine("calls", "1000.00"), credit as InvoiceLine],
      terms: { currency: USD, coupons: [percentOff("late", "20")], creditGrants: [] },
      state: { couponInvoiceCounts: new Map(), grantBalances: new Map(), customerBalance: ZERO },
    });
    // 20% of the period's 1,000.00, all on the 200.00 left to bill.
    expect(figures(own.invoice)).toEqual(["200.00", "200.00", "0.00", "0.00"]);
  });

  it("never takes back a discount when the period ends below what was billed early", () => {
    const terms: AccountTerms = { currency: USD, coupons: [percentOff("twenty", "20")], creditGrants: [] };
    const { invoices } = billPeriod({
      steps: [[usageLine("calls", "500.00")]],
      final: [usageLine("calls", "400.00")],
      threshold: new Decimal(100),
      terms,
    });
    expect(invoices.map(figures)).toEqual([
      ["500.00", "100.00", "0.00", "400.00"],
      ["-100.00", "0.00", "0.00", "-100.00"],
    ]);
  });

  it("charges over a period's invoices the period's charges less its coupons, to the cent before tax, and its tax within one minor unit per two progressive invoices", () => {
    const cents = (value: number) => new Decimal(value).dividedBy(100);
    const coupon = fc.oneof(
      fc.integer({ min: 1, max: 10_000 }).map((hundredths) => ({
        discount: { type: "percentage" as const, percent: cents(hundredths) },
      })),
      fc.integer({ min: 1, max: 200_000 }).map((amount) => ({
        discount: { type: "fixed" as const, amount: cents(amount) },
      })),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 1, max: 50_000 }),
        fc.array(fc.tuple(coupon, fc.boolean(), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 0, max: 2_500 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        (steps, thresholdCents, couponSpecs, taxHundredths, inclusive, countedBefore) => {
          // Each coupon: on the whole invoice or on charge "a" only, forever or for a few invoices.
          const coupons: Coupon[] = couponSpecs.map(([spec, onA, invoices], index) => ({
            id: `coupon-${index}`,
            ...spec,
            duration: invoices === 0 ? { type: "forever" } : { type: "repeating", invoices },
            ...(onA ? { appliesTo: { planCodes: [], meterCodes: ["a"] } } : {}),
          }));
          const terms: AccountTerms = {
            currency: USD,
            coupons,
            creditGrants: [],
            ...(taxHundredths === 0 ? {} : { tax: { percent: cents(taxHundredths), inclusive } }),
          };
          const counts = new Map(coupons.map((entry) => [entry.id, countedBefore]));
          let a = ZERO;
          let b = ZERO;
          const lines = () => [usageLine("a", a.toFixed(2)), usageLine("b", b.toFixed(2))];
          const usageSteps = steps.map(([growthA, growthB]) => {
            a = a.plus(cents(growthA));
            b = b.plus(cents(growthB));
            return lines();
          });
          const period = billPeriod({
            steps: usageSteps,
            final: lines(),
            threshold: cents(thresholdCents),
            terms,
            counts,
          });
          const whole = billWhole(lines(), terms, new Map(counts));
          const beforeTax = (invoice: Invoice) => invoice.subtotal.minus(invoice.discount);
          // Before tax, to the cent: the same charges, the same discount of each coupon.
          expect(sumDecimals(period.invoices.map(beforeTax)).equals(beforeTax(whole.invoice))).toBe(true);
          // Each coupon's own part too, when they are all on the whole invoice (with coupons limited to some
          // lines, one's share of the period so far can shrink as the lines another is limited to grow).
          for (const entry of coupons.every((candidate) => candidate.appliesTo === undefined)
            ? coupons
            : []) {
            const took = (invoices: readonly Invoice[]) =>
              sumDecimals(
                invoices.flatMap((invoice) =>
                  invoice.discounts.filter((discount) => discount.couponId === entry.id).map((d) => d.amount),
                ),
              );
            expect(took(period.invoices).equals(took([whole.invoice]))).toBe(true);
          }
          // The period counts once towards each coupon, as its single invoice would.
          expect([...period.counts]).toEqual([...whole.state.couponInvoiceCounts]);
          // Tax is rounded once per invoice: n + 1 roundings against one differ by less than (n + 2) / 2 minor units.
          const progressiveInvoices = period.invoices.length - 1;
          const bound = new Decimal(Math.ceil(progressiveInvoices / 2)).dividedBy(100);
          const taxGap = sumOf(period.invoices, "tax").minus(whole.invoice.tax).abs();
          expect(taxGap.lessThanOrEqualTo(bound)).toBe(true);
          const totalGap = sumOf(period.invoices, "total").minus(whole.invoice.total).abs();
          // Inclusive prices hold the tax: the totals agree to the cent; exclusive ones by the tax's gap.
          expect(totalGap.equals(inclusive || taxHundredths === 0 ? ZERO : taxGap)).toBe(true);
          // Without tax, what the customer pays over the period is the single invoice's figure exactly.
          if (taxHundredths === 0) expect(totalGap.isZero()).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
