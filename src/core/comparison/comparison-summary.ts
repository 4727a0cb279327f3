// What a backtest adds up to: per customer (and currency), what its invoices
// came to as billed and as they would be, with the line that moves it most;
// then per currency the revenue change, who pays more and who pays less, the
// largest movers; and across all customers the distribution of the change in
// percent (a histogram). Amounts of different currencies are never added.
import { Decimal, ONE_HUNDRED, sumDecimals, ZERO } from "../decimal.ts";
import type { InvoiceComparison, LineDifference } from "./invoice-comparison.ts";

/** One customer's invoices in one currency over the backtest's periods. */
export type CustomerMovement<Reference> = {
  readonly customerId: string;
  readonly currency: string;
  readonly invoices: number;
  readonly billed: Decimal;
  readonly wouldBe: Decimal;
  /** wouldBe − billed. */
  readonly change: Decimal;
  /** change / billed in percent, to two places; null when nothing was billed. */
  readonly changePercent: Decimal | null;
  /** The line whose difference is largest in size (the earliest among equals); null when no line moved. */
  readonly drivingLine: LineDifference<Reference> | null;
};

export type CurrencyTotals<Reference> = {
  readonly currency: string;
  readonly customers: number;
  readonly invoices: number;
  readonly billed: Decimal;
  readonly wouldBe: Decimal;
  readonly change: Decimal;
  readonly changePercent: Decimal | null;
  /** Customers whose invoices would add up to more (they lose), less (they win), or the same. */
  readonly customersPayingMore: number;
  readonly customersPayingLess: number;
  readonly customersUnchanged: number;
  /** The largest increases, largest first. */
  readonly largestIncreases: readonly CustomerMovement<Reference>[];
  /** The largest decreases, largest first. */
  readonly largestDecreases: readonly CustomerMovement<Reference>[];
};

export type HistogramBucket = {
  readonly label: string;
  /** Inclusive lower bound in percent; null for no bound. */
  readonly fromPercent: Decimal | null;
  /** Exclusive upper bound in percent; null for no bound. */
  readonly toPercent: Decimal | null;
  readonly customers: number;
};

export type ComparisonSummary<Reference> = {
  readonly currencies: readonly CurrencyTotals<Reference>[];
  /** Customers by the change of what they pay, in percent; the last bucket holds those billed nothing. */
  readonly histogram: readonly HistogramBucket[];
};

function percentOf(change: Decimal, base: Decimal): Decimal | null {
  if (base.isZero()) return null;
  return change.times(ONE_HUNDRED).dividedBy(base).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** One customer's invoices (all in `currency`) summed, with the line that drives the change. */
export function customerMovement<Reference>(
  customerId: string,
  currency: string,
  comparisons: readonly InvoiceComparison<Reference>[],
): CustomerMovement<Reference> {
  const billed = sumDecimals(comparisons.map((comparison) => comparison.billedSubtotal));
  const wouldBe = sumDecimals(comparisons.map((comparison) => comparison.wouldBeSubtotal));
  let drivingLine: LineDifference<Reference> | null = null;
  for (const comparison of comparisons) {
    for (const line of comparison.lines) {
      if (line.difference.isZero()) continue;
      if (drivingLine === null || line.difference.abs().greaterThan(drivingLine.difference.abs()))
        drivingLine = line;
    }
  }
  const change = wouldBe.minus(billed);
  return {
    customerId,
    currency,
    invoices: comparisons.length,
    billed,
    wouldBe,
    change,
    changePercent: percentOf(change, billed),
    drivingLine,
  };
}

type Bucket = { label: string; from: number | null; to: number | null };

// Bounds in percent; "unchanged" is exactly zero, the other buckets exclude it.
const buckets: readonly Bucket[] = [
  { label: "below -50%", from: null, to: -50 },
  { label: "-50% to -20%", from: -50, to: -20 },
  { label: "-20% to -10%", from: -20, to: -10 },
  { label: "-10% to -5%", from: -10, to: -5 },
  { label: "-5% to 0%", from: -5, to: 0 },
  { label: "unchanged", from: 0, to: 0 },
  { label: "0% to 5%", from: 0, to: 5 },
  { label: "5% to 10%", from: 5, to: 10 },
  { label: "10% to 20%", from: 10, to: 20 },
  { label: "20% to 50%", from: 20, to: 50 },
  { label: "50% and more", from: 50, to: null },
];
const unchangedIndex = 5;

function bucketIndexOf(percent: Decimal): number {
  if (percent.isZero()) return unchangedIndex;
  for (let index = 0; index < buckets.length; index++) {
    if (index === unchangedIndex) continue;
    const bucket = buckets[index] as Bucket;
    const aboveFrom = bucket.from === null || percent.greaterThanOrEqualTo(bucket.from);
    const belowTo = bucket.to === null || percent.lessThan(bucket.to);
    if (aboveFrom && belowTo) return index;
  }
  return buckets.length - 1;
}

function byChange<Reference>(left: CustomerMovement<Reference>, right: CustomerMovement<Reference>): number {
  return right.change.comparedTo(left.change) || left.customerId.localeCompare(right.customerId);
}

/** Per currency totals and movers, and the histogram of the change in percent over every customer. */
export function summarizeMovements<Reference>(
  movements: readonly CustomerMovement<Reference>[],
  options: { movers: number },
): ComparisonSummary<Reference> {
  const counts = buckets.map(() => 0);
  let billedNothing = 0;
  const byCurrency = new Map<string, CustomerMovement<Reference>[]>();
  for (const movement of movements) {
    const list = byCurrency.get(movement.currency) ?? [];
    list.push(movement);
    byCurrency.set(movement.currency, list);
    if (movement.changePercent === null) billedNothing += 1;
    else counts[bucketIndexOf(movement.changePercent)]! += 1;
  }
  const currencies = [...byCurrency.keys()].sort().map((currency): CurrencyTotals<Reference> => {
    const list = byCurrency.get(currency) ?? [];
    const billed = sumDecimals(list.map((movement) => movement.billed));
    const wouldBe = sumDecimals(list.map((movement) => movement.wouldBe));
    const change = wouldBe.minus(billed);
    const increases = list.filter((movement) => movement.change.greaterThan(ZERO)).sort(byChange);
    const decreases = list
      .filter((movement) => movement.change.lessThan(ZERO))
      .sort((left, right) => byChange(right, left));
    return {
      currency,
      customers: list.length,
      invoices: list.reduce((sum, movement) => sum + movement.invoices, 0),
      billed,
      wouldBe,
      change,
      changePercent: percentOf(change, billed),
      customersPayingMore: increases.length,
      customersPayingLess: decreases.length,
      customersUnchanged: list.length - increases.length - decreases.length,
      largestIncreases: increases.slice(0, options.movers),
      largestDecreases: decreases.slice(0, options.movers),
    };
  });
  const histogram: HistogramBucket[] = buckets.map((bucket, index) => ({
    label: bucket.label,
    fromPercent: bucket.from === null ? null : new Decimal(bucket.from),
    toPercent: bucket.to === null ? null : new Decimal(bucket.to),
    customers: counts[index] ?? 0,
  }));
  histogram.push({
    label: "billed nothing before",
    fromPercent: null,
    toPercent: null,
    customers: billedNothing,
  });
  return { currencies, histogram };
}
