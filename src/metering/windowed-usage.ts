// Usage totals per group and window, added up from pieces: the whole hours
// the database summed, and cells of raw events from the hours a boundary
// cuts. The report's value of each window follows its aggregation.
import type { Aggregation } from "../core/index.ts";
import { Decimal, formatQuantity, type Instant, ZERO } from "../core/index.ts";
import { decodeValueKey } from "./meter-reading.ts";
import type { QueryWindow } from "./query-windows.ts";
import type { UsageReport } from "./usage-schemas.ts";

type Totals = {
  eventCount: number;
  sum: Decimal;
  maximum: Decimal | undefined;
  latestAt: Instant | undefined;
  latestValue: Decimal | undefined;
  /** Σ change × milliseconds from the change to the window's end (weighted_sum). */
  weightedToWindowEnd: Decimal;
};

/**
 * Usage of one dimension key in one window, from one source: the whole hours
 * of the window (summed by the database), or a cell built from raw events.
 * Decimals are exact text, as PostgreSQL's numeric gives them.
 */
export type UsagePiece = {
  eventCount: number;
  sum: string | null;
  maximum: string | null;
  latestAt: Instant | null;
  latestValue: string | null;
  /** Σ change × milliseconds from the change to the window's end (weighted_sum). */
  weightedToWindowEnd: string | null;
};

/** Usage totals per group and window, and each group's level before `from` (weighted_sum). */
export class WindowedUsage {
  private readonly windows: readonly QueryWindow[];
  private readonly groupBy: string | undefined;
  private readonly totalsByGroup = new Map<string, Totals[]>();
  private readonly openingLevels = new Map<string, Decimal>();
  private readonly groupValues = new Map<string, string | null>();

  constructor(windows: readonly QueryWindow[], groupBy: string | undefined) {
    this.windows = windows;
    this.groupBy = groupBy;
    if (groupBy === undefined) this.totalsOf("");
  }

  /** The stored key of the group_by dimension's value in a dimension key, null when events lack it. */
  groupValueOf(dimensionKey: string): string | null {
    if (this.groupBy === undefined) return null;
    let value = this.groupValues.get(dimensionKey);
    if (value === undefined) {
      const parsed = JSON.parse(dimensionKey) as Record<string, string | null>;
      value = parsed[this.groupBy] ?? null;
      this.groupValues.set(dimensionKey, value);
    }
    return value;
  }

  add(windowIndex: number, dimensionKey: string, piece: UsagePiece): void {
    const totals = this.totalsOf(this.groupKeyOf(dimensionKey))[windowIndex]!;
    totals.eventCount += piece.eventCount;
    if (piece.sum !== null) totals.sum = totals.sum.plus(piece.sum);
    if (piece.weightedToWindowEnd !== null) {
      totals.weightedToWindowEnd = totals.weightedToWindowEnd.plus(piece.weightedToWindowEnd);
    }
    if (piece.maximum !== null) {
      const maximum = new Decimal(piece.maximum);
      if (totals.maximum === undefined || maximum.greaterThan(totals.maximum)) totals.maximum = maximum;
    }
    if (piece.latestAt !== null && piece.latestValue !== null) {
      if (totals.latestAt === undefined || piece.latestAt >= totals.latestAt) {
        totals.latestAt = piece.latestAt;
        totals.latestValue = new Decimal(piece.latestValue);
      }
    }
  }

  /**
   * Takes the events after `to` of an unfinished hour back out of the
   * window its rollup was added to: count and sum exactly. False only when
   * the window reports its largest value (`max`) and the tail holds a value
   * as large as it, which could then have come from the tail.
   */
  subtract(
    windowIndex: number,
    dimensionKey: string,
    taken: { eventCount: number; sum: Decimal | undefined; maximum: Decimal | undefined },
    aggregation: Aggregation,
  ): boolean {
    const totals = this.totalsOf(this.groupKeyOf(dimensionKey))[windowIndex]!;
    totals.eventCount -= taken.eventCount;
    if (taken.sum !== undefined) totals.sum = totals.sum.minus(taken.sum);
    if (aggregation !== "max" || taken.maximum === undefined) return true;
    return totals.maximum?.greaterThan(taken.maximum) === true;
  }

  /**
   * The instants of the `latest` windows' latest values (of every group).
   * The pieces tell the instant, not which event at it is the last in the
   * store's order (a rollup keeps the one its batch listed last, and the
   * rollup rows of two dimension values tie), so the caller reads the events
   * at these instants and settles each value with settleLatest.
   */
  latestInstants(aggregations: readonly Aggregation[]): Instant[] {
    const instants = new Set<Instant>();
    for (const totalsOfWindows of this.totalsByGroup.values()) {
      for (const [windowIndex, totals] of totalsOfWindows.entries()) {
        if (aggregations[windowIndex] === "latest" && totals.latestAt !== undefined)
          instants.add(totals.latestAt);
      }
    }
    return [...instants].sort((left, right) => left - right);
  }

  /**
   * Sets a `latest` window's value from an event at its latest instant; the
   * caller passes those events in the store's order, so the last one stays.
   */
  settleLatest(windowIndex: number, dimensionKey: string, at: Instant, value: Decimal): void {
    const totals = this.totalsByGroup.get(this.groupKeyOf(dimensionKey))?.[windowIndex];
    if (totals !== undefined && totals.latestAt === at) totals.latestValue = value;
  }

  addOpeningLevel(dimensionKey: string, change: Decimal): void {
    const group = this.groupKeyOf(dimensionKey);
    this.totalsOf(group);
    this.openingLevels.set(group, (this.openingLevels.get(group) ?? ZERO).plus(change));
  }

  report(
    aggregations: readonly Aggregation[],
    distinctCounts: ReadonlyMap<string, number>,
  ): UsageReport["windows"] {
    for (const key of distinctCounts.keys()) this.totalsOf(key.slice(key.indexOf("|") + 1));
    const groups = [...this.totalsByGroup.keys()].sort();
    const windows: UsageReport["windows"] = [];
    for (const group of groups) {
      const totalsOfWindows = this.totalsOf(group);
      let level = this.openingLevels.get(group) ?? ZERO;
      for (const [index, window] of this.windows.entries()) {
        const totals = totalsOfWindows[index]!;
        const length = window.end - window.start;
        let value: Decimal;
        switch (aggregations[index]) {
          case "sum":
            value = totals.sum;
            break;
          case "max":
            value = totals.maximum ?? ZERO;
            break;
          case "latest":
            value = totals.latestValue ?? ZERO;
            break;
          case "unique_count":
            value = new Decimal(distinctCounts.get(`${index}|${group}`) ?? 0);
            break;
          case "weighted_sum":
            // The level's integral over the window divided by its length: the time-weighted level.
            value = level.times(length).plus(totals.weightedToWindowEnd).dividedBy(length);
            break;
          default:
            value = new Decimal(totals.eventCount);
        }
        level = level.plus(totals.sum);
        windows.push({
          start: new Date(window.start).toISOString(),
          end: new Date(window.end).toISOString(),
          group: this.groupBy === undefined ? null : { [this.groupBy]: presentGroupValue(group) },
          value: formatQuantity(value),
          event_count: totals.eventCount,
        });
      }
    }
    return windows;
  }

  private groupKeyOf(dimensionKey: string): string {
    return this.groupBy === undefined ? "" : JSON.stringify(this.groupValueOf(dimensionKey));
  }

  private totalsOf(group: string): Totals[] {
    let totals = this.totalsByGroup.get(group);
    if (totals === undefined) {
      totals = this.windows.map(() => ({
        eventCount: 0,
        sum: ZERO,
        maximum: undefined,
        latestAt: undefined,
        latestValue: undefined,
        weightedToWindowEnd: ZERO,
      }));
      this.totalsByGroup.set(group, totals);
    }
    return totals;
  }
}

function presentGroupValue(groupKey: string): string | null {
  const stored = JSON.parse(groupKey) as string | null;
  return stored === null ? null : decodeValueKey(stored);
}
