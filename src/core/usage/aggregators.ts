// Streaming aggregators, one per usage window. Each takes events one at a
// time, in any order, and keeps constant state (unique_count excepted: it
// must remember the distinct values it has seen).
import { Decimal, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { transactionFee } from "../pricing/percentage.ts";
import { ExactSum } from "./exact-sum.ts";
import type { LevelLedger } from "./level-ledger.ts";
import { type NumericValue, toDecimal, type UsageEvent } from "./usage-event.ts";
import type { UsageAggregate, UsageWindow } from "./usage-windows.ts";

/**
 * `sequence` is the event's position in its source (listing order), used only
 * to break timestamp ties; `value` is what the meter reads from the event.
 */
export interface WindowAggregator<Value> {
  /** `event` is read by the aggregators that group events (by combination, by the window they arrived in). */
  add(value: Value, timestamp: Instant, sequence: number, event: UsageEvent): void;
  /**
   * An event counted under a meter definition that reads no value of this
   * window's kind (billing rule 34): it adds to the event count and to
   * nothing else (no level change, no latest value, no transaction fee).
   */
  addWithoutValue(timestamp: Instant, sequence: number, event: UsageEvent): void;
  result(): UsageAggregate;
}

export class CountAggregator implements WindowAggregator<unknown> {
  private eventCount = 0;

  add(): void {
    this.eventCount++;
  }

  addWithoutValue(): void {
    this.eventCount++;
  }

  result(): UsageAggregate {
    return { quantity: new Decimal(this.eventCount), eventCount: this.eventCount };
  }
}

export class SumAggregator implements WindowAggregator<NumericValue> {
  private readonly sum = new ExactSum();
  private eventCount = 0;

  add(value: NumericValue): void {
    this.sum.add(value);
    this.eventCount++;
  }

  addWithoutValue(): void {
    this.eventCount++;
  }

  result(): UsageAggregate {
    return { quantity: this.sum.total(), eventCount: this.eventCount };
  }
}

function isGreater(left: NumericValue, right: NumericValue): boolean {
  if (typeof left === "number" && typeof right === "number") return left > right;
  return toDecimal(left).greaterThan(toDecimal(right));
}

/** The largest value; 0 when the window has no event (billing rule 13). */
export class MaxAggregator implements WindowAggregator<NumericValue> {
  private largest: NumericValue | undefined;
  private eventCount = 0;

  add(value: NumericValue): void {
    if (this.largest === undefined || isGreater(value, this.largest)) this.largest = value;
    this.eventCount++;
  }

  addWithoutValue(): void {
    this.eventCount++;
  }

  result(): UsageAggregate {
    return {
      quantity: this.largest === undefined ? ZERO : toDecimal(this.largest),
      eventCount: this.eventCount,
    };
  }
}

/**
 * The value of the event with the latest timestamp, a tie going to the one
 * listed later. Comparing (timestamp, sequence) makes the result independent
 * of the order in which events arrive.
 */
export class LatestAggregator implements WindowAggregator<NumericValue> {
  private latestValue: NumericValue | undefined;
  private latestTimestamp = Number.NEGATIVE_INFINITY;
  private latestSequence = -1;
  private eventCount = 0;

  add(value: NumericValue, timestamp: Instant, sequence: number): void {
    const isLater =
      timestamp > this.latestTimestamp ||
      (timestamp === this.latestTimestamp && sequence > this.latestSequence);
    if (isLater) {
      this.latestValue = value;
      this.latestTimestamp = timestamp;
      this.latestSequence = sequence;
    }
    this.eventCount++;
  }

  addWithoutValue(): void {
    this.eventCount++;
  }

  result(): UsageAggregate {
    const quantity = this.latestValue === undefined ? ZERO : toDecimal(this.latestValue);
    return { quantity, eventCount: this.eventCount };
  }
}

/** Distinct values, each given as its canonical key (see propertyValueKey). */
export class UniqueCountAggregator implements WindowAggregator<string> {
  private readonly distinct = new Set<string>();
  private eventCount = 0;

  add(valueKey: string): void {
    this.distinct.add(valueKey);
    this.eventCount++;
  }

  addWithoutValue(): void {
    this.eventCount++;
  }

  result(): UsageAggregate {
    return { quantity: new Decimal(this.distinct.size), eventCount: this.eventCount };
  }
}

/**
 * Time-weighted level (`weighted_sum`). Each value is a change to a level; the
 * quantity is `(level at start × window length + Σ change × (end − time)) /
 * full period length` (billing rule 12). The level at the window's start comes
 * from the meter's ledger, which sees every event, so arrival order is free.
 */
export class WeightedSumAggregator implements WindowAggregator<NumericValue> {
  private readonly weightedChanges = new ExactSum();
  private eventCount = 0;
  private readonly window: UsageWindow;
  private readonly ledger: LevelLedger;

  constructor(window: UsageWindow, ledger: LevelLedger) {
    this.window = window;
    this.ledger = ledger;
  }

  add(change: NumericValue, timestamp: Instant): void {
    const heldFor = this.window.end - timestamp;
    const weighted = typeof change === "number" ? change * heldFor : undefined;
    // A product of two integers is exact when it is itself a safe integer.
    if (weighted !== undefined && Number.isSafeInteger(change) && Number.isSafeInteger(weighted)) {
      this.weightedChanges.add(weighted);
    } else {
      this.weightedChanges.add(toDecimal(change).times(heldFor));
    }
    this.eventCount++;
  }

  addWithoutValue(): void {
    this.eventCount++;
  }

  result(): UsageAggregate {
    const { start, end, fullPeriodStart, fullPeriodEnd } = this.window;
    const levelIntegral = this.ledger
      .levelAt(start)
      .times(end - start)
      .plus(this.weightedChanges.total());
    const fullLength = fullPeriodEnd - fullPeriodStart;
    const quantity = levelIntegral.dividedBy(fullLength);
    // The division was exact when it multiplies back to the integral.
    const quantityIsInexact = !quantity.times(fullLength).equals(levelIntegral);
    return { quantity, quantityIsInexact, eventCount: this.eventCount };
  }
}

/** Per-transaction fees of a percentage charge, and the sum of the values they were taken on. */
export class TransactionFeeAggregator implements WindowAggregator<NumericValue> {
  private readonly values = new ExactSum();
  private fees = ZERO;
  private eventCount = 0;
  private readonly window: UsageWindow & {
    transactionPricing: NonNullable<UsageWindow["transactionPricing"]>;
  };

  constructor(window: UsageWindow & { transactionPricing: NonNullable<UsageWindow["transactionPricing"]> }) {
    this.window = window;
  }

  add(value: NumericValue): void {
    this.values.add(value);
    this.fees = this.fees.plus(transactionFee(toDecimal(value), this.window.transactionPricing));
    this.eventCount++;
  }

  /** An event without a value is no transaction: it pays no fee, not even the fixed one. */
  addWithoutValue(): void {
    this.eventCount++;
  }

  result(): UsageAggregate {
    return { quantity: this.values.total(), eventCount: this.eventCount, transactionFees: this.fees };
  }
}
