// The running totals of one meter's usage windows, fed from two sources (the
// hourly rollups summed per bucket by the database, and raw events one at a
// time), and turned into the billing core's UsageAggregate with the core's
// own arithmetic: the same exact sums, the same division for weighted_sum,
// the same per-transaction fee. Pure.
import type { Instant, Meter, PercentagePricing, UsageAggregate, UsageWindow } from "../core/index.ts";
import {
  Decimal,
  ExactSum,
  meterFilterOf,
  type NumericValue,
  ONE_HUNDRED,
  ownProperty,
  readNumericValue,
  toDecimal,
  transactionFee,
  ZERO,
} from "../core/index.ts";
import { bucketOf, type MeterUsagePlan, needsEachEvent, type UsageSlot } from "./billing-usage-plan.ts";
import { encodeValueKey } from "./meter-reading.ts";
import type { EventProperties } from "./tables.ts";

/** What a meter reads from an event it counts: a number, or the stored key of a distinct value. */
export type EventReading = { numeric?: NumericValue; uniqueKey?: string };

/**
 * Reads events as the core's accumulator does: undefined for an event the
 * meter does not count (a filter rejects it, or its property is missing or
 * not numeric: the accumulator reports such an event and leaves it out).
 */
export function eventReaderOf(meter: Meter): (properties: EventProperties) => EventReading | undefined {
  const passesFilters = meterFilterOf(meter.filters);
  const property = meter.property ?? "";
  switch (meter.aggregation) {
    case "count":
      return (properties) => (passesFilters(properties) ? {} : undefined);
    case "unique_count":
      return (properties) => {
        if (!passesFilters(properties)) return undefined;
        const raw = ownProperty(properties, property);
        return raw === undefined ? undefined : { uniqueKey: encodeValueKey(raw) };
      };
    default:
      return (properties) => {
        if (!passesFilters(properties)) return undefined;
        const numeric = readNumericValue(ownProperty(properties, property));
        return numeric === undefined ? undefined : { numeric };
      };
  }
}

/** One bucket of whole hours as the database sums it (numeric columns as exact text). */
export type RollupBucket = {
  bucket: number;
  eventCount: number;
  sum: string | null;
  maximum: string | null;
  latestAt: Instant | null;
  /** The same instant as the database prints it, to look its events up at full precision. */
  latestAtText: string | null;
  /** Σ change × milliseconds from the change to the end of the bucket's slot. */
  weightedToSlotEnd: string | null;
};

type LatestCandidate = { at: Instant; value: NumericValue | undefined; atText: string | undefined };

class SlotTotals {
  readonly slot: UsageSlot;
  eventCount = 0;
  readonly sum = new ExactSum();
  maximum: NumericValue | undefined;
  latest: LatestCandidate | undefined;
  /** Σ change × milliseconds from the change to the slot's end (weighted_sum). */
  readonly weighted = new ExactSum();
  /**
   * For percentage charges priced event by event: how many events had each
   * plain-number value (values repeat, so each distinct one is priced once),
   * and the values that are decimals.
   */
  readonly valueCounts = new Map<number, number>();
  readonly decimalValues: Decimal[] = [];
  readonly rawUniqueKeys = new Set<string>();
  distinctCount = 0;
  /** The largest value taken back out with an unfinished hour's tail (max). */
  tailMaximum: NumericValue | undefined;
  /** Whether a tail taken back out held a distinct value (unique_count). */
  tailHasUniqueKeys = false;

  constructor(slot: UsageSlot) {
    this.slot = slot;
  }
}

export class MeterUsageTotals {
  readonly plan: MeterUsagePlan;
  private readonly slots: SlotTotals[];
  /** Per bucket, the changes a weighted_sum level sees (only kept for weighted_sum). */
  private readonly bucketChanges: ExactSum[];
  private readonly eachEventWindows: readonly (readonly UsageWindow[])[];

  constructor(plan: MeterUsagePlan) {
    this.plan = plan;
    this.slots = plan.slots.map((slot) => new SlotTotals(slot));
    this.bucketChanges = plan.levelsStartAt === undefined ? [] : plan.slotOfBucket.map(() => new ExactSum());
    this.eachEventWindows = plan.slots.map((slot) => slot.windows.filter(needsEachEvent));
  }

  addRollupBucket(row: RollupBucket): void {
    if (row.sum !== null && this.plan.levelsStartAt !== undefined) {
      this.bucketChanges[row.bucket]?.add(new Decimal(row.sum));
    }
    const totals = this.slots[this.plan.slotOfBucket[row.bucket] ?? -1];
    if (totals === undefined) return;
    totals.eventCount += row.eventCount;
    if (row.sum !== null) totals.sum.add(new Decimal(row.sum));
    if (row.weightedToSlotEnd !== null) totals.weighted.add(new Decimal(row.weightedToSlotEnd));
    if (row.maximum !== null) {
      const maximum = new Decimal(row.maximum);
      if (totals.maximum === undefined || isGreater(maximum, totals.maximum)) totals.maximum = maximum;
    }
    if (row.latestAt !== null && (totals.latest === undefined || row.latestAt > totals.latest.at)) {
      // Which event at that instant is the latest is settled from the events (see latestToLookUp).
      totals.latest = { at: row.latestAt, value: undefined, atText: row.latestAtText ?? undefined };
    }
  }

  /**
   * Adds one raw event the meter counts. Events must come in the store's
   * order, (timestamp, received at, id), so that among events sharing the
   * latest timestamp the one that comes last wins, as in the core.
   */
  addEvent(reading: EventReading, timestamp: Instant): void {
    const bucket = bucketOf(this.plan.boundaries, timestamp);
    if (bucket < 0) return;
    const value = reading.numeric;
    if (value !== undefined && this.plan.levelsStartAt !== undefined) this.bucketChanges[bucket]!.add(value);
    const slotIndex = this.plan.slotOfBucket[bucket]!;
    const totals = this.slots[slotIndex];
    if (totals === undefined) return;
    totals.eventCount++;
    if (reading.uniqueKey !== undefined) totals.rawUniqueKeys.add(reading.uniqueKey);
    if (value === undefined) return;
    totals.sum.add(value);
    if (totals.maximum === undefined || isGreater(value, totals.maximum)) totals.maximum = value;
    if (totals.latest === undefined || timestamp >= totals.latest.at) {
      totals.latest = { at: timestamp, value, atText: undefined };
    }
    if (this.plan.levelsStartAt !== undefined)
      totals.weighted.add(weightedChange(value, totals.slot.end - timestamp));
    if (this.eachEventWindows[slotIndex]!.length > 0) {
      if (typeof value === "number") totals.valueCounts.set(value, (totals.valueCounts.get(value) ?? 0) + 1);
      else totals.decimalValues.push(value);
    }
  }

  /**
   * Takes back out one event of an unfinished hour's tail (see HourTail),
   * which the hour's rollup counted in `bucket`: its count and value leave
   * the slot's count and sum; what a max or a distinct count cannot lose is
   * remembered, for tailsSettled.
   */
  subtractTailEvent(reading: EventReading, bucket: number): void {
    const totals = this.slots[this.plan.slotOfBucket[bucket] ?? -1];
    if (totals === undefined) return;
    totals.eventCount--;
    if (reading.uniqueKey !== undefined) totals.tailHasUniqueKeys = true;
    const value = reading.numeric;
    if (value === undefined) return;
    totals.sum.add(typeof value === "number" ? -value : value.negated());
    if (totals.tailMaximum === undefined || isGreater(value, totals.tailMaximum)) totals.tailMaximum = value;
  }

  /**
   * Whether the tails taken out leave exact totals: a slot's maximum stands
   * when it is larger than every tail value (it then came from an event in
   * play); distinct values stand when the tails held none.
   */
  tailsSettled(): boolean {
    return this.slots.every(
      (totals) =>
        !totals.tailHasUniqueKeys &&
        (totals.tailMaximum === undefined ||
          (totals.maximum !== undefined && isGreater(totals.maximum, totals.tailMaximum))),
    );
  }

  /** The distinct values raw events gave each slot, for the database to count with the rollups' ones. */
  rawUniqueKeys(): { slot: number; valueKey: string }[] {
    return this.slots.flatMap((totals, slot) =>
      [...totals.rawUniqueKeys].map((valueKey) => ({ slot, valueKey })),
    );
  }

  setDistinctCount(slot: number, count: number): void {
    const totals = this.slots[slot];
    if (totals !== undefined) totals.distinctCount = count;
  }

  /** The instants (as the database prints them) at which a slot's latest event is still to be picked. */
  latestToLookUp(): { slot: number; atText: string }[] {
    const lookUps: { slot: number; atText: string }[] = [];
    for (const [slot, totals] of this.slots.entries()) {
      const latest = totals.latest;
      if (latest !== undefined && latest.value === undefined && latest.atText !== undefined) {
        lookUps.push({ slot, atText: latest.atText });
      }
    }
    return lookUps;
  }

  setLatestValue(slot: number, value: NumericValue): void {
    const latest = this.slots[slot]?.latest;
    if (latest !== undefined) latest.value = value;
  }

  /** The aggregate of every window of the meter, as the core's accumulator would give it. */
  collect(into: Map<string, UsageAggregate>): void {
    const levels = this.openingLevels();
    for (const [slotIndex, totals] of this.slots.entries()) {
      for (const window of totals.slot.windows) {
        into.set(window.key, this.aggregateOf(window, totals, levels[slotIndex]!));
      }
    }
  }

  private aggregateOf(window: UsageWindow, totals: SlotTotals, openingLevel: Decimal): UsageAggregate {
    const eventCount = totals.eventCount;
    const pricing = window.transactionPricing;
    if (pricing !== undefined) {
      const sum = totals.sum.total();
      // Without a per-transaction bound, Σ (value × rate / 100 + fixed) is exactly this.
      const transactionFees = needsEachEvent(window)
        ? feesOfEachEvent(totals, pricing)
        : sum.times(pricing.rate).dividedBy(ONE_HUNDRED).plus(pricing.fixedFee.times(eventCount));
      return { quantity: sum, eventCount, transactionFees };
    }
    switch (this.plan.meter.aggregation) {
      case "count":
        return { quantity: new Decimal(eventCount), eventCount };
      case "sum":
        return { quantity: totals.sum.total(), eventCount };
      case "max":
        return { quantity: totals.maximum === undefined ? ZERO : toDecimal(totals.maximum), eventCount };
      case "latest": {
        const value = totals.latest?.value;
        return { quantity: value === undefined ? ZERO : toDecimal(value), eventCount };
      }
      case "unique_count":
        return { quantity: new Decimal(totals.distinctCount), eventCount };
      case "weighted_sum": {
        // The core's WeightedSumAggregator, step for step.
        const levelIntegral = openingLevel.times(window.end - window.start).plus(totals.weighted.total());
        const fullLength = window.fullPeriodEnd - window.fullPeriodStart;
        const quantity = levelIntegral.dividedBy(fullLength);
        const quantityIsInexact = !quantity.times(fullLength).equals(levelIntegral);
        return { quantity, quantityIsInexact, eventCount };
      }
    }
  }

  /** Per slot, the weighted_sum level just before its start: every change from levelsStartAt on. */
  private openingLevels(): Decimal[] {
    const { boundaries, levelsStartAt } = this.plan;
    return this.slots.map((totals) => {
      if (levelsStartAt === undefined) return ZERO;
      const level = new ExactSum();
      for (const [bucket, changes] of this.bucketChanges.entries()) {
        const bucketStart = boundaries[bucket]!;
        if (bucketStart >= levelsStartAt && boundaries[bucket + 1]! <= totals.slot.start)
          level.add(changes.total());
      }
      return level.total();
    });
  }
}

/** Σ of the core's transactionFee over the slot's events: each distinct value priced once, times its count. */
function feesOfEachEvent(totals: SlotTotals, pricing: PercentagePricing): Decimal {
  let fees = ZERO;
  for (const [value, count] of totals.valueCounts) {
    fees = fees.plus(transactionFee(new Decimal(value), pricing).times(count));
  }
  for (const value of totals.decimalValues) fees = fees.plus(transactionFee(value, pricing));
  return fees;
}

/** As the core compares: plain numbers natively, anything else as decimals. */
function isGreater(left: NumericValue, right: NumericValue): boolean {
  if (typeof left === "number" && typeof right === "number") return left > right;
  return toDecimal(left).greaterThan(toDecimal(right));
}

/** change × milliseconds, exactly; in plain numbers while the product is a safe integer. */
function weightedChange(change: NumericValue, heldFor: number): NumericValue {
  if (typeof change === "number" && Number.isSafeInteger(change)) {
    const product = change * heldFor;
    if (Number.isSafeInteger(product)) return product;
  }
  return toDecimal(change).times(heldFor);
}
