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
  /**
   * Unfinished hours read whole from the rollups (they are among
   * rollupRanges), each with the rest of its hour after the last slot's end,
   * whose events are taken back out of the bucket; see unfinishedHourOf.
   */
  readonly tails: readonly HourTail[];
};

/** The part of an hour after the instants in play, and the bucket its hour's rollups fall in. */
export type HourTail = { readonly range: InstantRange; readonly bucket: number };

/** Aggregations whose rollup of an hour, less the events of its tail, is exact (max and distinct values: see MeterUsageTotals). */
const tailedAggregations: ReadonlySet<Meter["aggregation"]> = new Set([
  "count",
  "sum",
  "max",
  "unique_count",
]);

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
  options: { unfinishedHourFromRollups: boolean } = { unfinishedHourFromRollups: true },
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
  const wholeHours = normalizeRanges(splitRangesAt(eligible, sortedBoundaries).map(wholeHoursOf));
  const tails: HourTail[] = [];
  if (tailedAggregations.has(meter.aggregation) && options.unfinishedHourFromRollups) {
    const hour = unfinishedHourOf(subtractRanges(relevant, wholeHours), eligible, trustedRanges, relevant);
    const cutInside =
      hour !== undefined &&
      sortedBoundaries.some((boundary) => boundary > hour.hour.start && boundary < hour.tail.start);
    if (hour !== undefined && !cutInside) {
      tails.push({ range: hour.tail, bucket: bucketOf(sortedBoundaries, hour.hour.start) });
      wholeHours.push(hour.hour);
    }
  }
  const rollupRanges = normalizeRanges(wholeHours);
  return {
    meter,
    slots,
    boundaries: sortedBoundaries,
    slotOfBucket,
    levelsStartAt: weighted ? levelsStartAt : undefined,
    rollupRanges,
    rawRanges: subtractRanges(relevant, rollupRanges),
    tails,
  };
}

/**
 * The last hour in play when the instants in play end inside it (a window
 * that ends now, as month-to-date usage and the upcoming invoice do), and
 * that hour can be read from its rollup: from its start to the end, every
 * instant is eligible for rollups (trusted versions, no event priced on its
 * own) and no boundary cuts it; and the whole hour lies in trusted versions.
 * Its tail is the rest of the hour, outside every window.
 */
function unfinishedHourOf(
  rawRanges: readonly InstantRange[],
  eligible: readonly InstantRange[],
  trustedRanges: readonly InstantRange[],
  relevant: readonly InstantRange[],
): { hour: InstantRange; tail: InstantRange } | undefined {
  const last = rawRanges.at(-1);
  const lastRelevant = relevant.at(-1);
  if (last === undefined || lastRelevant === undefined || last.end !== lastRelevant.end) return undefined;
  const hourStart = hourStartOf(last.end);
  if (hourStart === last.end || hourStart < last.start) return undefined;
  const hour = { start: hourStart, end: hourStart + millisecondsPerHour };
  const head = { start: hourStart, end: last.end };
  if (!covers(eligible, head) || !covers(normalizeRanges(trustedRanges), hour)) return undefined;
  return { hour, tail: { start: last.end, end: hour.end } };
}

/** Whether the sorted, disjoint ranges hold every instant of `range`. */
function covers(ranges: readonly InstantRange[], range: InstantRange): boolean {
  return ranges.some((candidate) => candidate.start <= range.start && range.end <= candidate.end);
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
