// The running level of a `weighted_sum` meter, known at the start of each of
// its windows without keeping the events: changes are bucketed by the window
// starts they precede, and a prefix sum gives each window its opening level.
import type { Decimal } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { ExactSum } from "./exact-sum.ts";
import type { NumericValue } from "./usage-event.ts";

export class LevelLedger {
  private readonly levelsStartAt: Instant;
  /** Window starts in ascending order. */
  private readonly windowStarts: readonly Instant[];
  /** buckets[i] holds the changes made before windowStarts[i] and not before windowStarts[i − 1]. */
  private readonly buckets: ExactSum[];
  private openingLevels: Map<Instant, Decimal> | undefined;

  /** Changes before `levelsStartAt` (the subscription start) do not move the level. */
  constructor(levelsStartAt: Instant, windowStarts: readonly Instant[]) {
    this.levelsStartAt = levelsStartAt;
    this.windowStarts = [...new Set(windowStarts)].sort((left, right) => left - right);
    this.buckets = Array.from({ length: this.windowStarts.length + 1 }, () => new ExactSum());
  }

  record(change: NumericValue, timestamp: Instant): void {
    if (timestamp < this.levelsStartAt) return;
    // The first window start strictly after the change: the change is in the level from there on.
    let low = 0;
    let high = this.windowStarts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.windowStarts[middle]! <= timestamp) low = middle + 1;
      else high = middle;
    }
    this.buckets[low]!.add(change);
  }

  /** The level just before `windowStart`, one of the starts given to the constructor. */
  levelAt(windowStart: Instant): Decimal {
    this.openingLevels ??= this.computeOpeningLevels();
    const level = this.openingLevels.get(windowStart);
    if (level === undefined) throw new Error(`no window of this meter starts at ${windowStart}`);
    return level;
  }

  private computeOpeningLevels(): Map<Instant, Decimal> {
    const levels = new Map<Instant, Decimal>();
    const running = new ExactSum();
    for (const [index, start] of this.windowStarts.entries()) {
      running.add(this.buckets[index]!.total());
      levels.set(start, running.total());
    }
    return levels;
  }
}
