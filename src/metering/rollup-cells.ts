// Usage folded into cells of (meter version, customer, time bucket, dimension
// values): what ingestion adds to the hourly rollups, what a correction
// recomputes for one hour, and what a usage query builds from the raw events
// of an hour that a window boundary cuts. Each cell keeps every structure the
// aggregations need: count, sum, max, the value at the latest timestamp, the
// weighted changes of a level, and the distinct values.

import type { Instant } from "../core/index.ts";
import { ExactSum, type NumericValue, numericText, toDecimal } from "../core/index.ts";
import type { VersionReading } from "./meter-catalog.ts";

export const millisecondsPerHour = 3_600_000;

export function hourStartOf(instant: Instant): Instant {
  return Math.floor(instant / millisecondsPerHour) * millisecondsPerHour;
}

export type CellKey = {
  meterId: string;
  meterVersion: number;
  customerExternalId: string;
  bucketStart: Instant;
  dimensionKey: string;
};

export class RollupCell {
  readonly key: CellKey;
  /** Where `weightedChange` is measured to: the end of the bucket. */
  readonly bucketEnd: Instant;
  eventCount = 0;
  private readonly sum = new ExactSum();
  private hasNumbers = false;
  private maximum: NumericValue | undefined;
  latestAt: Instant | undefined;
  private latestValue: NumericValue | undefined;
  private latestSequence = -1;
  private readonly weighted = new ExactSum();
  readonly uniqueKeys = new Set<string>();

  constructor(key: CellKey, bucketEnd: Instant) {
    this.key = key;
    this.bucketEnd = bucketEnd;
  }

  /**
   * Adds one event. `sequence` orders events that share a timestamp: the one
   * sent later (a larger sequence) is the latest, as in the billing core.
   */
  add(
    reading: { numeric: NumericValue | undefined; uniqueKey: string | undefined },
    timestamp: Instant,
    sequence: number,
  ): void {
    this.eventCount += 1;
    if (reading.uniqueKey !== undefined) this.uniqueKeys.add(reading.uniqueKey);
    const value = reading.numeric;
    if (value === undefined) return;
    this.hasNumbers = true;
    this.sum.add(value);
    if (this.maximum === undefined || isGreater(value, this.maximum)) this.maximum = value;
    if (
      this.latestAt === undefined ||
      timestamp > this.latestAt ||
      (timestamp === this.latestAt && sequence > this.latestSequence)
    ) {
      this.latestAt = timestamp;
      this.latestValue = value;
      this.latestSequence = sequence;
    }
    const heldFor = this.bucketEnd - timestamp;
    const product = typeof value === "number" ? value * heldFor : undefined;
    // A product of two integers is exact while it is itself a safe integer.
    if (product !== undefined && Number.isSafeInteger(value) && Number.isSafeInteger(product)) {
      this.weighted.add(product);
    } else {
      this.weighted.add(toDecimal(value).times(heldFor));
    }
  }

  /** The cell as rollup columns: numeric columns are exact decimal text, null for a meter that reads no number. */
  columns(): {
    event_count: number;
    value_sum: string | null;
    value_max: string | null;
    latest_at: Date | null;
    latest_value: string | null;
    weighted_change: string | null;
  } {
    if (!this.hasNumbers || this.maximum === undefined || this.latestValue === undefined) {
      return {
        event_count: this.eventCount,
        value_sum: null,
        value_max: null,
        latest_at: null,
        latest_value: null,
        weighted_change: null,
      };
    }
    return {
      event_count: this.eventCount,
      value_sum: this.sum.text(),
      value_max: numericText(this.maximum),
      latest_at: this.latestAt === undefined ? null : new Date(this.latestAt),
      latest_value: numericText(this.latestValue),
      weighted_change: this.weighted.text(),
    };
  }
}

/** Cells by key, each made on first use. */
export class RollupCells {
  private readonly cells = new Map<string, RollupCell>();

  cell(key: CellKey, bucketEnd: Instant): RollupCell {
    const mapKey = `${key.meterId}\u0001${key.meterVersion}\u0001${key.customerExternalId}\u0001${key.bucketStart}\u0001${key.dimensionKey}`;
    let cell = this.cells.get(mapKey);
    if (cell === undefined) {
      cell = new RollupCell(key, bucketEnd);
      this.cells.set(mapKey, cell);
    }
    return cell;
  }

  /**
   * Every cell in one fixed order. Concurrent transactions that upsert the
   * same rows in the same order wait for each other instead of deadlocking.
   */
  sorted(): RollupCell[] {
    return [...this.cells.values()].sort((left, right) => compareCellKeys(left.key, right.key));
  }
}

function compareCellKeys(left: CellKey, right: CellKey): number {
  return (
    compareText(left.meterId, right.meterId) ||
    compareText(left.customerExternalId, right.customerExternalId) ||
    left.bucketStart - right.bucketStart ||
    left.meterVersion - right.meterVersion ||
    compareText(left.dimensionKey, right.dimensionKey)
  );
}

/** Code-point order; any fixed total order serves to avoid deadlocks. */
export function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function isGreater(left: NumericValue, right: NumericValue): boolean {
  if (typeof left === "number" && typeof right === "number") return left > right;
  return toDecimal(left).greaterThan(toDecimal(right));
}

/** Adds what the meter versions that match an event read from it to the cells of its bucket. */
export function addReadingsToCells(
  cells: RollupCells,
  readings: readonly VersionReading[],
  event: { customerExternalId: string; timestamp: Instant; sequence: number },
  bucket: { start: Instant; end: Instant },
): void {
  for (const { reader, reading } of readings) {
    if (reading.kind !== "matched") continue;
    const key: CellKey = {
      meterId: reader.version.meterId,
      meterVersion: reader.version.version,
      customerExternalId: event.customerExternalId,
      bucketStart: bucket.start,
      dimensionKey: reading.dimensionKey,
    };
    cells.cell(key, bucket.end).add(reading, event.timestamp, event.sequence);
  }
}
