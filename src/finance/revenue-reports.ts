// Recognized and deferred revenue by month, and by product or customer, read
// from the same postings as the journal, so the reports and the general
// ledger always agree.
import { currencyFor, type Decimal, formatAmount, ZERO } from "../core/index.ts";
import type { AccountingPeriod } from "./accounting-periods.ts";
import type { Posting } from "./revenue-recognition.ts";

export type RevenueGrouping = "none" | "product" | "customer";

export type RevenueReportRow = {
  period: string;
  currency: string;
  /** The product code or customer id of the row; null for no product, or when not grouped. */
  group: string | null;
  /** Earned in the month: revenue less reversals. */
  recognized: string;
  /** Prepaid credits that expired unused in the month. */
  breakage: string;
  /** Invoiced but not yet earned, at the end of the month. */
  deferred_balance: string;
  /** Earned but not yet invoiced, at the end of the month. */
  unbilled_balance: string;
};

type Sums = { recognized: Decimal; breakage: Decimal; deferred: Decimal; unbilled: Decimal };

function groupOf(posting: Posting, grouping: RevenueGrouping): string | null {
  if (grouping === "product") return posting.product;
  if (grouping === "customer") return posting.customerId;
  return null;
}

export function revenueReport(
  postings: readonly Posting[],
  periods: readonly AccountingPeriod[],
  grouping: RevenueGrouping,
): RevenueReportRow[] {
  const relevant = postings.filter((posting) =>
    ["revenue", "breakage_revenue", "deferred_revenue", "unbilled_receivables"].includes(posting.account),
  );
  const rows: RevenueReportRow[] = [];
  for (const period of periods) {
    const sums = new Map<string, Sums>();
    for (const posting of relevant) {
      if (posting.period > period.key) continue;
      const key = JSON.stringify([posting.currency, groupOf(posting, grouping)]);
      const sum = sums.get(key) ?? { recognized: ZERO, breakage: ZERO, deferred: ZERO, unbilled: ZERO };
      const credit = posting.amount.negated();
      if (posting.account === "deferred_revenue") sum.deferred = sum.deferred.plus(credit);
      if (posting.account === "unbilled_receivables") sum.unbilled = sum.unbilled.plus(posting.amount);
      if (posting.period === period.key) {
        if (posting.account === "revenue") sum.recognized = sum.recognized.plus(credit);
        if (posting.account === "breakage_revenue") sum.breakage = sum.breakage.plus(credit);
      }
      sums.set(key, sum);
    }
    for (const [key, sum] of sums) {
      if ([sum.recognized, sum.breakage, sum.deferred, sum.unbilled].every((amount) => amount.isZero()))
        continue;
      const [code, group] = JSON.parse(key) as [string, string | null];
      const currency = currencyFor(code);
      rows.push({
        period: period.key,
        currency: code,
        group,
        recognized: formatAmount(sum.recognized, currency),
        breakage: formatAmount(sum.breakage, currency),
        deferred_balance: formatAmount(sum.deferred, currency),
        unbilled_balance: formatAmount(sum.unbilled, currency),
      });
    }
  }
  return rows.sort(
    (left, right) =>
      left.period.localeCompare(right.period) ||
      left.currency.localeCompare(right.currency) ||
      (left.group ?? "").localeCompare(right.group ?? ""),
  );
}
