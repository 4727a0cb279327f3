// How the usage windows of one meter are answered from the store: the
// windows grouped into slots (one time range each, as the billing core's
// accumulator groups them), the timeline cut into buckets at every instant
// that matters (window starts and ends, the start of weighted_sum levels),
// and which of the hours in play come from the hourly rollups and which
// from raw events. Pure: the caller reads the rows.

import type { Instant, UsageWindow } from "../core/index.ts";
import { BillingInputError, type Meter } from "../core/index.ts";
import {
  type InstantRange,
  intersectRanges,
  normalizeRanges,
  splitRangesAt,
  subtractRanges,
} from "./instant-ranges.ts";
import { hourStartOf, millisecondsPerHour } from "./rollup-cells.ts";

/** The windows of one meter that share one time range (one plan segment). */
export type UsageSlot = {
  readonly start: Instant;
  readonly end: Instant;
  readonly windows: readonly UsageWindow[];
};

export type MeterUsagePlan = {
  readonly meter: Meter;
  /** Sorted by start, disjoint. */
  readonly slots: readonly UsageSlot[];
  /** Sorted instants; bucket i is [boundaries[i], boundaries[i + 1]). */
  readonly boundaries: readonly Instant[];
  /** Per bucket: the index of the slot that holds it, or -1 for a bucket between slots. */
  readonly slotOfBucket: readonly number[];
  /** weighted_sum only: levels count changes from this instant on (one of the boundaries). */
  readonly levelsStartAt: Instant | undefined;
  /** Whole hours answered by the rollups (hour-aligned, sorted, disjoint). */
  readonly rollupRanges: readonly InstantRange[];
  /** The rest of the instants in play, answered by raw events (sorted, disjoint). */
  readonly rawRanges: readonly InstantRange[];
};

/**
 * A percentage charge with a per-transaction minimum or maximum prices each
 * event on its own, so its slot is read from raw events; without either, the
 * sum of the fees is `rate × Σ values / 100 + count × fixed fee`, which the
 * rollups give.
 */
export function needsEachEvent(window: UsageWindow): boolean {
  const pricing = window.transactionPricing;
  return (
    pricing !== undefined &&
    (pricing.perTransactionMin !== undefined || pricing.perTransactionMax !== undefined)
  );
}

/** Refuses what the billing core's accumulator refuses, with its messages. */
export function checkMeterWindows(meter: Meter, windows: readonly UsageWindow[]): void {
  if (meter.aggregation !== "count" && meter.property === undefined) {
    throw new BillingInputError(`meter "${meter.code}" needs a property`);
  }
  const numeric = meter.aggregation !== "count" && meter.aggregation !== "unique_count";
  for (const window of windows) {
    if (window.transactionPricing !== undefined && !numeric) {
      throw new BillingInputError(
        `a percentage charge needs a numeric meter, and "${meter.code}" is ${meter.aggregation}`,
      );
    }
  }
}

/**
 * `trustedRanges`: when the stored meter versions count exactly as `meter`
 * does (same event name, aggregation, property and filters), so that their
 * rollups hold this meter's usage. Everything else in play is read raw.
 */
export function planMeterUsage(
  meter: Meter,
  windows: readonly UsageWindow[],
  trustedRanges: readonly InstantRange[],
  levelsStartAt: Instant,
): MeterUsagePlan {
  checkMeterWindows(meter, windows);
  const slots = groupIntoSlots(meter.code, windows);
  const weighted = meter.aggregation === "weighted_sum";
  const boundaries = [...new Set(slots.flatMap((slot) => [slot.start, slot.end]))];
  if (weighted) boundaries.push(levelsStartAt);
  const sortedBoundaries = [...new Set(boundaries)].sort((left, right) => left - right);
  const slotOfBucket = sortedBoundaries
    .slice(0, -1)
    .map((start) => slots.findIndex((slot) => slot.start <= start && start < slot.end));

  const inPlay: InstantRange[] = slots.map((slot) => ({ start: slot.start, end: slot.end }));
  const lastSlotStart = slots.at(-1)?.start;
  // A weighted_sum window opens at the level of every change since levelsStartAt.
  if (weighted && lastSlotStart !== undefined) inPlay.push({ start: levelsStartAt, end: lastSlotStart });
  const relevant = normalizeRanges(inPlay);
  const eachEvent = normalizeRanges(
    slots
      .filter((slot) => slot.windows.some(needsEachEvent))
      .map((slot) => ({ start: slot.start, end: slot.end })),
  );
  const eligible = subtractRanges(intersectRanges(relevant, normalizeRanges(trustedRanges)), eachEvent);
  const rollupRanges = normalizeRanges(splitRangesAt(eligible, sortedBoundaries).map(wholeHoursOf));
  return {
    meter,
    slots,
    boundaries: sortedBoundaries,
    slotOfBucket,
    levelsStartAt: weighted ? levelsStartAt : undefined,
    rollupRanges,
    rawRanges: subtractRanges(relevant, rollupRanges),
  };
}

/** The whole hours inside a range (possibly none). */
function wholeHoursOf(range: InstantRange): InstantRange {
  const firstHour = hourStartOf(range.start);
  const start = firstHour === range.start ? firstHour : firstHour + millisecondsPerHour;
  return { start, end: Math.max(start, hourStartOf(range.end)) };
}

function groupIntoSlots(meterCode: string, windows: readonly UsageWindow[]): UsageSlot[] {
  const byStart = new Map<Instant, { start: Instant; end: Instant; windows: UsageWindow[] }>();
  for (const window of windows) {
    const slot = byStart.get(window.start);
    if (slot === undefined)
      byStart.set(window.start, { start: window.start, end: window.end, windows: [window] });
    else if (slot.end !== window.end) throw overlap(meterCode);
    else slot.windows.push(window);
  }
  const slots = [...byStart.values()].sort((left, right) => left.start - right.start);
  // The accumulator counts an event in the slot that starts last before it; with
  // overlapping slots that would silently drop events, so they are refused.
  for (const [index, slot] of slots.entries()) {
    const next = slots[index + 1];
    if (next !== undefined && next.start < slot.end) throw overlap(meterCode);
  }
  return slots;
}

function overlap(meterCode: string): BillingInputError {
  return new BillingInputError(`usage windows of meter "${meterCode}" overlap`);
}

/** The bucket that holds an instant, or -1 outside the boundaries (binary search). */
export function bucketOf(boundaries: readonly Instant[], instant: Instant): number {
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (boundaries[middle]! <= instant) low = middle + 1;
    else high = middle;
  }
  return low === 0 || low === boundaries.length ? -1 : low - 1;
}
