// Sets of instants as sorted, disjoint, half-open ranges [start, end): enough
// interval arithmetic to tell which hours of a billing window the rollups can
// answer and which must be read from raw events.
import type { Instant } from "../core/index.ts";

export type InstantRange = { readonly start: Instant; readonly end: Instant };

/** Sorted, without empty ranges, overlapping or touching ranges merged into one. */
export function normalizeRanges(ranges: readonly InstantRange[]): InstantRange[] {
  const sorted = ranges
    .filter((range) => range.start < range.end)
    .sort((left, right) => left.start - right.start);
  const merged: InstantRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

/** The instants in both sets (each given normalized). */
export function intersectRanges(
  left: readonly InstantRange[],
  right: readonly InstantRange[],
): InstantRange[] {
  const result: InstantRange[] = [];
  let leftIndex = 0;
  let rightIndex = 0;
  while (leftIndex < left.length && rightIndex < right.length) {
    const a = left[leftIndex]!;
    const b = right[rightIndex]!;
    const start = Math.max(a.start, b.start);
    const end = Math.min(a.end, b.end);
    if (start < end) result.push({ start, end });
    if (a.end <= b.end) leftIndex++;
    else rightIndex++;
  }
  return result;
}

/** The instants of `from` that are not in `removed` (each given normalized). */
export function subtractRanges(
  from: readonly InstantRange[],
  removed: readonly InstantRange[],
): InstantRange[] {
  const result: InstantRange[] = [];
  let removedIndex = 0;
  for (const range of from) {
    let start = range.start;
    while (removedIndex < removed.length && removed[removedIndex]!.end <= start) removedIndex++;
    let index = removedIndex;
    while (index < removed.length && removed[index]!.start < range.end) {
      const cut = removed[index]!;
      if (cut.start > start) result.push({ start, end: cut.start });
      start = Math.max(start, cut.end);
      index++;
    }
    if (start < range.end) result.push({ start, end: range.end });
  }
  return result;
}

/** The ranges cut at every one of `cuts` that falls strictly inside one of them. */
export function splitRangesAt(ranges: readonly InstantRange[], cuts: readonly Instant[]): InstantRange[] {
  const sortedCuts = [...new Set(cuts)].sort((left, right) => left - right);
  const result: InstantRange[] = [];
  for (const range of ranges) {
    let start = range.start;
    for (const cut of sortedCuts) {
      if (cut <= start || cut >= range.end) continue;
      result.push({ start, end: cut });
      start = cut;
    }
    result.push({ start, end: range.end });
  }
  return result;
}
