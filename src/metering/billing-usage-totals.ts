// The running totals of one meter's usage windows, fed from two sources (the
// hourly rollups summed per bucket by the database, and raw events one at a
// time, each read by the meter version in effect at its timestamp), and
// turned into the billing core's UsageAggregate with the core's own
// arithmetic: the same exact sums, the same division for weighted_sum, the
// same per-transaction fee, and the core's rule for combining what different
// versions read (billing rule 34). Pure.
import type {
  Aggregation,
  Instant,
  Meter,
  MeterDefinitionSpan,
  PercentagePricing,
  UsageAggregate,
  UsageWindow,
} from "../core/index.ts";
import {
  Decimal,
  ExactSum,
  meterFilterOf,
  type NumericValue,
  ONE_HUNDRED,
  ownProperty,
  readNumericValue,
  readsWindowValue,
  spanAt,
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
 * Reads events by one definition of a meter, for windows of
 * `windowAggregation`, as the core's accumulator does: undefined for an
 * event the definition does not count (a filter rejects it, or its property
 * is missing or not numeric: the accumulator reports such an event and
 * leaves it out); a reading without a value when the definition reads
 * another kind of value than the windows combine (billing rule 34).
 */
function eventReaderOf(
  definition: Meter,
  windowAggregation: Aggregation,
): (properties: EventProperties) => EventReading | undefined {
  const passesFilters = meterFilterOf(definition.filters);
  const property = definition.property ?? "";
  const keepsValue = readsWindowValue(definition.aggregation, windowAggregation);
  switch (definition.aggregation) {
    case "count":
      return (properties) => (passesFilters(properties) ? {} : undefined);
    case "unique_count":
      return (properties) => {
        if (!passesFilters(properties)) return undefined;
        const raw = ownProperty(properties, property);
        if (raw === undefined) return undefined;
        return keepsValue ? { uniqueKey: encodeValueKey(raw) } : {};
      };
    default:
      return (properties) => {
        if (!passesFilters(properties)) return undefined;
        const numeric = readNumericValue(ownProperty(properties, property));
        if (numeric === undefined) return undefined;
        return keepsValue ? { numeric } : {};
      };
  }
}

/** An event as the store gives it: its name, its timestamp and its properties. */
type StoredEventToRead = { name: string; timestamp: Instant; properties: EventProperties };

/**
 * Reads each event by the definition in effect at its timestamp (undefined
 * outside every definition, or for another event name than that definition
 * counts), for windows of `windowAggregation`.
 */
export function versionedReaderOf(
  history: readonly MeterDefinitionSpan[],
  windowAggregation: Aggregation,
): (event: StoredEventToRead) => EventReading | undefined {
  const readers = history.map((span) => ({
    from: span.from,
    until: span.until,
    eventName: span.meter.eventName,
    read: eventReaderOf(span.meter, windowAggregation),
  }));
  const [only] = readers;
  if (readers.length === 1 && only !== undefined) {
    return (event) =>
      event.name === only.eventName && only.from <= event.timestamp && event.timestamp < only.until
        ? only.read(event.properties)
        : undefined;
  }
  return (event) => {
    const reader = spanAt(readers, event.timestamp);
    return reader === undefined || reader.eventName !== event.name
      ? undefined
      : reader.read(event.properties);
  };
}

/** One bucket of whole hours as the database sums it (numeric columns as exact text). */
export type RollupBucket = {
  bucket: number;
  eventCount: number;
  /** The events of versions that read a number (those a percentage charge takes a fee on). */
  valuedCount: number;
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
  /** Events that gave a number: the transactions of a percentage charge. */
  valuedCount = 0;
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
    totals.valuedCount += row.valuedCount;
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
    totals.valuedCount++;
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
    totals.valuedCount--;
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

  /** The instants (also as the database prints them) at which a slot's latest event is still to be picked. */
  latestToLookUp(): { slot: number; at: Instant; atText: string }[] {
    const lookUps: { slot: number; at: Instant; atText: string }[] = [];
    // Only a `latest` window reports the value; another version's rollups may name an instant whose events
    // give no value of this window's kind (a sum version's rows in a unique_count window).
    if (this.plan.meter.aggregation !== "latest") return lookUps;
    for (const [slot, totals] of this.slots.entries()) {
      const latest = totals.latest;
      if (latest !== undefined && latest.value === undefined && latest.atText !== undefined) {
        lookUps.push({ slot, at: latest.at, atText: latest.atText });
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
      // Without a per-transaction bound, Σ (value × rate / 100 + fixed) over the valued events is exactly this.
      const transactionFees = needsEachEvent(window)
        ? feesOfEachEvent(totals, pricing)
        : sum.times(pricing.rate).dividedBy(ONE_HUNDRED).plus(pricing.fixedFee.times(totals.valuedCount));
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
