// Progressive billing's amounts: a subscription with a threshold is invoiced
// during its period once its usage charges so far, less what earlier
// progressive invoices of the period billed, reach the threshold. Each
// progressive invoice bills the growth of each usage charge since the last
// one; the period's own invoice bills the whole period as usual and gives
// back what the progressive invoices billed with one credit line, so that the
// period's charges add up to the same amount either way. Coupons take their
// share of the period's charges as they are billed (billing rule 28): each
// invoice of the period takes what its coupons give the period's charges
// billed through it, less what the earlier ones took.
import { Decimal, sumDecimals, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { WHOLE_PERIOD } from "../proration.ts";
import { type InvoiceLine, PROGRESSIVE_BILLING_CREDIT } from "./invoice-line.ts";
import { type AccountTerms, type Invoice, settleInvoice } from "./invoice-totals.ts";

/** What progressive invoices billed of one period, per charge id. */
export type ProgressivelyBilled = ReadonlyMap<string, Decimal>;

/** What a period's progressive invoices took off, per coupon id. */
export type ProgressivelyDiscounted = ReadonlyMap<string, Decimal>;

/** Adds up the discounts of a period's progressive invoices per coupon. */
export function progressivelyDiscountedByCoupon(
  discounts: readonly { readonly couponId: string; readonly amount: Decimal }[],
): Map<string, Decimal> {
  const discounted = new Map<string, Decimal>();
  for (const discount of discounts) {
    discounted.set(discount.couponId, (discounted.get(discount.couponId) ?? ZERO).plus(discount.amount));
  }
  return discounted;
}

/** Adds up the lines of a period's progressive invoices per charge. */
export function progressivelyBilledByCharge(
  lines: readonly { readonly charge: string; readonly amount: Decimal }[],
): Map<string, Decimal> {
  const billed = new Map<string, Decimal>();
  for (const line of lines) billed.set(line.charge, (billed.get(line.charge) ?? ZERO).plus(line.amount));
  return billed;
}

export type ProgressiveInvoiceLines = {
  /** The usage lines with their growth as amount, only those that grew. */
  readonly lines: readonly { readonly line: InvoiceLine; readonly billedBefore: Decimal }[];
  /** The growth of all of them: what the progressive invoice bills before tax. */
  readonly growth: Decimal;
};

/**
 * The lines of the next progressive invoice from the period's usage lines so
 * far: each charge's amount less what progressive invoices already billed of
 * it. Undefined while the growth stays below the threshold.
 */
export function progressiveInvoiceLines(input: {
  usageLines: readonly InvoiceLine[];
  billed: ProgressivelyBilled;
  threshold: Decimal;
}): ProgressiveInvoiceLines | undefined {
  const lines = input.usageLines
    .map((line) => {
      const billedBefore = input.billed.get(line.charge) ?? ZERO;
      return { line: { ...line, amount: line.amount.minus(billedBefore) }, billedBefore };
    })
    .filter((entry) => entry.line.amount.greaterThan(ZERO));
  const growth = sumDecimals(lines.map((entry) => entry.line.amount));
  if (growth.isZero() || growth.lessThan(input.threshold)) return undefined;
  return { lines, growth };
}

/**
 * The line of the period's own invoice that gives back everything progressive
 * invoices billed of the period (`usageLines` are the invoice's lines of the
 * subscription; the credit takes the period and plan of its first usage line).
 * Undefined when there is nothing to give back. To the engine's totals it is a
 * whole credit against the subscription's plan.
 */
export function progressiveBillingCredit(input: {
  usageLines: readonly InvoiceLine[];
  billed: ProgressivelyBilled;
}): InvoiceLine | undefined {
  const first = input.usageLines.find((line) => line.kind === "usage");
  if (first === undefined) return undefined;
  const total = sumDecimals(input.billed.values());
  if (total.isZero()) return undefined;
  const amount = total.negated();
  return {
    charge: PROGRESSIVE_BILLING_CREDIT,
    kind: "proration_credit",
    periodStart: first.periodStart,
    periodEnd: first.periodEnd,
    quantity: new Decimal(1),
    amount,
    details: {
      kind: "proration_credit",
      planCode: first.details.planCode,
      fullAmount: amount,
      proration: WHOLE_PERIOD,
    },
  };
}

/**
 * The next progressive invoice of a period, settled: the growth of each
 * charge (progressiveInvoiceLines), less each coupon's share of the period's
 * charges billed through it net of what the period's earlier progressive
 * invoices took (billing rule 28), and the tax on the rest. It counts towards
 * no coupon's invoices (the period's own invoice does), but a coupon takes
 * part only when that invoice would still count within its `invoices`.
 * Credits and the customer balance wait for the period's own invoice.
 * Undefined while the growth stays below the threshold.
 */
export function settleProgressiveInvoice(input: {
  issuedAt: Instant;
  usageLines: readonly InvoiceLine[];
  billed: ProgressivelyBilled;
  discounted: ProgressivelyDiscounted;
  threshold: Decimal;
  /** The account's coupons and tax; its credit grants are not used. */
  terms: AccountTerms;
  couponInvoiceCounts: ReadonlyMap<string, number>;
}): { progressive: ProgressiveInvoiceLines; invoice: Invoice } | undefined {
  const progressive = progressiveInvoiceLines(input);
  if (progressive === undefined) return undefined;
  // Each charge as billed through this invoice: its usage now when it grew, what was billed before otherwise.
  const billedLines = input.usageLines.map((line) => {
    const before = input.billed.get(line.charge) ?? ZERO;
    return before.greaterThan(line.amount) ? { ...line, amount: before } : line;
  });
  const { terms } = input;
  const { invoice } = settleInvoice({
    issuedAt: input.issuedAt,
    lines: progressive.lines.map(({ line }) => line),
    terms: {
      currency: terms.currency,
      coupons: terms.coupons,
      creditGrants: [],
      ...(terms.tax === undefined ? {} : { tax: terms.tax }),
    },
    state: {
      couponInvoiceCounts: input.couponInvoiceCounts,
      grantBalances: new Map(),
      customerBalance: ZERO,
    },
    progressive: { billedLines, discounted: input.discounted },
  });
  return { progressive, invoice };
}
