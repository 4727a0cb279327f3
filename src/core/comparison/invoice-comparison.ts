// An invoice as billed beside the same invoice priced another way (a backtest
// of a draft plan version, a set of price overrides), line by line: which
// lines match, what each would be, and by how much the invoice moves. Lines
// are matched by a key the caller builds (subscription, charge, kind, period);
// the amounts are already rounded to the currency, so differences are exact.
import { type Decimal, sumDecimals, ZERO } from "../decimal.ts";

/** A line on one side of the comparison: the caller's key to match it, its amount, and what to report it as. */
export type ComparableLine<Reference> = {
  readonly key: string;
  readonly amount: Decimal;
  readonly reference: Reference;
};

/** A line of either or both sides: billed only (dropped), would-be only (added), or both. */
export type LineDifference<Reference> = {
  readonly billed: ComparableLine<Reference> | null;
  readonly wouldBe: ComparableLine<Reference> | null;
  /** would-be amount minus billed amount (a missing side counts as zero). */
  readonly difference: Decimal;
};

export type InvoiceComparison<Reference> = {
  readonly billedSubtotal: Decimal;
  readonly wouldBeSubtotal: Decimal;
  /** wouldBeSubtotal − billedSubtotal. */
  readonly difference: Decimal;
  /** Billed lines in their order, each with its match; then the would-be lines no billed line matched. */
  readonly lines: readonly LineDifference<Reference>[];
};

/**
 * Matches the lines of two versions of an invoice by key (the n-th billed line
 * of a key with the n-th would-be line of the same key) and totals both sides.
 */
export function compareInvoiceLines<Reference>(
  billed: readonly ComparableLine<Reference>[],
  wouldBe: readonly ComparableLine<Reference>[],
): InvoiceComparison<Reference> {
  const unmatched = new Map<string, ComparableLine<Reference>[]>();
  for (const line of wouldBe) {
    const queue = unmatched.get(line.key) ?? [];
    queue.push(line);
    unmatched.set(line.key, queue);
  }
  const lines: LineDifference<Reference>[] = [];
  for (const line of billed) {
    const match = unmatched.get(line.key)?.shift() ?? null;
    lines.push({
      billed: line,
      wouldBe: match,
      difference: (match?.amount ?? ZERO).minus(line.amount),
    });
  }
  for (const line of wouldBe) {
    if (!unmatched.get(line.key)?.includes(line)) continue;
    lines.push({ billed: null, wouldBe: line, difference: line.amount });
  }
  const billedSubtotal = sumDecimals(billed.map((line) => line.amount));
  const wouldBeSubtotal = sumDecimals(wouldBe.map((line) => line.amount));
  return { billedSubtotal, wouldBeSubtotal, difference: wouldBeSubtotal.minus(billedSubtotal), lines };
}
