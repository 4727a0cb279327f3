// The arithmetic of a parallel run (shadow billing): for one customer and
// period, the invoice the old system issued beside the one Fairbill would
// issue, their lines matched by charge, each difference with its likely
// cause; then, over a run, the share of invoices that match to the cent and
// the revenue at stake. Pure: the domain loads both sides and stores what
// this returns.
//
// The likely cause of a line's difference is read from what the two lines
// say, in this order: a charge only one side has; a different quantity; a
// different unit price; a different proration factor; the same amount before
// tax but a different tax; and, with quantity, price and proration the same,
// an amount off by at most one minor unit per line: a rounding rule. A
// difference none of these explains is called "amount".
import type { Currency } from "../currency.ts";
import { Decimal, sumDecimals, ZERO } from "../decimal.ts";
import { roundToMinorUnit } from "../money.ts";

export type DifferenceCause =
  | "only_old"
  | "only_fairbill"
  | "quantity"
  | "price"
  | "proration"
  | "tax"
  | "rounding"
  | "amount";

/** A line of either side's invoice; `chargeKey` is what matches the two sides' lines. */
export type ShadowLine = {
  readonly chargeKey: string;
  readonly quantity: Decimal | null;
  readonly unitPrice: Decimal | null;
  readonly prorationFactor: Decimal | null;
  /** Before tax. */
  readonly amount: Decimal;
  readonly tax: Decimal;
};

export type ShadowInvoice = {
  readonly lines: readonly ShadowLine[];
};

export type LineMatch = {
  readonly chargeKey: string;
  readonly old: ShadowLine | null;
  readonly fairbill: ShadowLine | null;
  /** Fairbill's amount with tax less the old system's: what the customer would pay more (or, below zero, less). */
  readonly difference: Decimal;
  /** Null when the lines match to the cent. */
  readonly cause: DifferenceCause | null;
};

export type InvoiceMatch = {
  readonly oldTotal: Decimal;
  readonly fairbillTotal: Decimal;
  readonly difference: Decimal;
  /** Both totals and every line the same to the cent. */
  readonly matches: boolean;
  /** Every line, in the old invoice's order, then Fairbill's lines the old one lacks. */
  readonly lines: readonly LineMatch[];
};

/** What one side's invoice says beside its lines: its discount and credits (subtracted) and its tax. */
export type InvoiceLevelAmounts = {
  readonly discount: Decimal;
  readonly credits: Decimal;
  readonly tax: Decimal;
};

/** The line keys an invoice's own amounts take; a charge of either side with one of these codes adds to it. */
const invoiceLevelKeys = { discount: "discount", credits: "credits", tax: "tax" } as const;

function sameOrNull(left: Decimal | null, right: Decimal | null): Decimal | null {
  return left !== null && right !== null && left.equals(right) ? left : null;
}

function sumOrNull(left: Decimal | null, right: Decimal | null): Decimal | null {
  return left === null || right === null ? null : left.plus(right);
}

/**
 * One side's invoice as a parallel run compares it: its lines merged by
 * charge (quantities, amounts and tax summed; a unit price or proration kept
 * when every line of the charge has the same), the discount and credits as
 * lines of their own (negative), and every tax (the lines', the invoice's,
 * a line coded "tax") on one "tax" line that both sides always have: tax is compared
 * once per invoice, whichever way each system spreads it over lines.
 */
export function shadowInvoiceOf(
  lines: readonly ShadowLine[],
  invoiceLevel: InvoiceLevelAmounts,
): ShadowInvoice {
  const merged = new Map<string, ShadowLine>();
  const add = (line: ShadowLine) => {
    const known = merged.get(line.chargeKey);
    merged.set(
      line.chargeKey,
      known === undefined
        ? { ...line, tax: ZERO }
        : {
            chargeKey: line.chargeKey,
            quantity: sumOrNull(known.quantity, line.quantity),
            unitPrice: sameOrNull(known.unitPrice, line.unitPrice),
            prorationFactor: sameOrNull(known.prorationFactor, line.prorationFactor),
            amount: known.amount.plus(line.amount),
            tax: ZERO,
          },
    );
  };
  const amountLine = (chargeKey: string, amount: Decimal): ShadowLine => ({
    chargeKey,
    quantity: null,
    unitPrice: null,
    prorationFactor: null,
    amount,
    tax: ZERO,
  });
  for (const line of lines) add(line);
  if (!invoiceLevel.discount.isZero())
    add(amountLine(invoiceLevelKeys.discount, invoiceLevel.discount.negated()));
  if (!invoiceLevel.credits.isZero())
    add(amountLine(invoiceLevelKeys.credits, invoiceLevel.credits.negated()));
  const taxLine = merged.get(invoiceLevelKeys.tax);
  merged.delete(invoiceLevelKeys.tax);
  // A line coded "tax" (an old system printing tax as a line) is tax too.
  const tax = sumDecimals([invoiceLevel.tax, taxLine?.amount ?? ZERO, ...lines.map((line) => line.tax)]);
  return { lines: [...merged.values(), { ...amountLine(invoiceLevelKeys.tax, ZERO), tax }] };
}

function withTax(line: ShadowLine | null): Decimal {
  return line === null ? ZERO : line.amount.plus(line.tax);
}

function differs(left: Decimal | null, right: Decimal | null): boolean {
  if (left === null || right === null) return false;
  return !left.equals(right);
}

/** The likely cause of the difference between two lines of the same charge, or null when they match to the cent. */
export function causeOfDifference(
  old: ShadowLine | null,
  fairbill: ShadowLine | null,
  currency: Currency,
): DifferenceCause | null {
  if (old === null && fairbill === null) return null;
  if (old === null) return "only_fairbill";
  if (fairbill === null) return "only_old";
  const amountDifference = roundToMinorUnit(fairbill.amount, currency).minus(
    roundToMinorUnit(old.amount, currency),
  );
  const taxDifference = roundToMinorUnit(fairbill.tax, currency).minus(roundToMinorUnit(old.tax, currency));
  if (amountDifference.isZero() && taxDifference.isZero()) return null;
  if (differs(old.quantity, fairbill.quantity)) return "quantity";
  if (differs(old.unitPrice, fairbill.unitPrice)) return "price";
  if (differs(old.prorationFactor, fairbill.prorationFactor)) return "proration";
  if (amountDifference.isZero()) return "tax";
  const minorUnit = new Decimal(1).dividedBy(new Decimal(10).pow(currency.minorDigits));
  if (amountDifference.abs().lessThanOrEqualTo(minorUnit)) return "rounding";
  return "amount";
}

/** One customer's period: the old invoice beside Fairbill's, lines matched by charge (either side may be missing). */
export function matchInvoices(
  old: ShadowInvoice | null,
  fairbill: ShadowInvoice | null,
  currency: Currency,
): InvoiceMatch {
  const oldLines = old?.lines ?? [];
  const fairbillLines = fairbill?.lines ?? [];
  const fairbillByKey = new Map(fairbillLines.map((line) => [line.chargeKey, line]));
  const matched = new Set<string>();
  const lines: LineMatch[] = [];
  const push = (chargeKey: string, oldLine: ShadowLine | null, fairbillLine: ShadowLine | null) => {
    lines.push({
      chargeKey,
      old: oldLine,
      fairbill: fairbillLine,
      difference: roundToMinorUnit(withTax(fairbillLine), currency).minus(
        roundToMinorUnit(withTax(oldLine), currency),
      ),
      cause: causeOfDifference(oldLine, fairbillLine, currency),
    });
  };
  for (const oldLine of oldLines) {
    const fairbillLine = fairbillByKey.get(oldLine.chargeKey) ?? null;
    if (fairbillLine !== null) matched.add(oldLine.chargeKey);
    push(oldLine.chargeKey, oldLine, fairbillLine);
  }
  for (const fairbillLine of fairbillLines) {
    if (!matched.has(fairbillLine.chargeKey)) push(fairbillLine.chargeKey, null, fairbillLine);
  }
  const oldTotal = roundToMinorUnit(sumDecimals(oldLines.map(withTax)), currency);
  const fairbillTotal = roundToMinorUnit(sumDecimals(fairbillLines.map(withTax)), currency);
  const difference = fairbillTotal.minus(oldTotal);
  return {
    oldTotal,
    fairbillTotal,
    difference,
    matches: difference.isZero() && lines.every((line) => line.cause === null),
    lines,
  };
}

export type ParallelRunSummary = {
  readonly invoices: number;
  readonly matching: number;
  /** matching ÷ invoices in percent, to two places (100 for a run of no invoices). */
  readonly matchingPercent: Decimal;
  /** The old totals and Fairbill's, and the sum of the invoices' differences in size: revenue a wrong mapping puts at stake. */
  readonly oldTotal: Decimal;
  readonly fairbillTotal: Decimal;
  readonly revenueAtStake: Decimal;
  /** Per cause, how many lines differ and by how much (their differences summed, signed). */
  readonly causes: readonly { cause: DifferenceCause; lines: number; difference: Decimal }[];
};

/** A run's invoices in one currency summed: the share matching to the cent, the revenue at stake, the causes. */
export function summarizeParallelRun(matches: readonly InvoiceMatch[]): ParallelRunSummary {
  const matching = matches.filter((match) => match.matches).length;
  const causes = new Map<DifferenceCause, { lines: number; difference: Decimal }>();
  for (const match of matches) {
    for (const line of match.lines) {
      if (line.cause === null) continue;
      const entry = causes.get(line.cause) ?? { lines: 0, difference: ZERO };
      causes.set(line.cause, { lines: entry.lines + 1, difference: entry.difference.plus(line.difference) });
    }
  }
  return {
    invoices: matches.length,
    matching,
    matchingPercent:
      matches.length === 0
        ? new Decimal(100)
        : new Decimal(matching).times(100).dividedBy(matches.length).toDecimalPlaces(2, Decimal.ROUND_DOWN),
    oldTotal: sumDecimals(matches.map((match) => match.oldTotal)),
    fairbillTotal: sumDecimals(matches.map((match) => match.fairbillTotal)),
    revenueAtStake: sumDecimals(matches.map((match) => match.difference.abs())),
    causes: [...causes.entries()]
      .map(([cause, entry]) => ({ cause, ...entry }))
      .sort((left, right) => left.cause.localeCompare(right.cause)),
  };
}
