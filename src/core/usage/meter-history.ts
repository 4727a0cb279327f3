// A meter whose definition changed over time (a new version in effect from
// an instant on): each event is read by the definition in effect at its
// timestamp, never by a later one reaching back, and the window it falls in
// combines what those definitions read by the aggregation of the meter it
// bills (billing rule 34): counts and sums add, `max` takes the largest
// value, `latest` the value of the latest event as its own definition read
// it, `unique_count` the distinct values across the window, and a
// `weighted_sum` level moves by every change. A definition that reads
// another kind of value than the window combines (a count version's events
// in a sum window) adds its events to the window's event count only.
import { type Aggregation, BillingInputError, type Meter } from "../catalog.ts";
import type { Instant } from "../instant.ts";

/**
 * One definition of a meter and the instants it counts: events with
 * `from ≤ timestamp < until`. A meter's spans are sorted and disjoint; an
 * instant outside all of them is counted by none.
 */
export type MeterDefinitionSpan = {
  readonly from: Instant;
  readonly until: Instant;
  readonly meter: Meter;
};

/** What an aggregation reads from an event: a number, a distinct value, or nothing but the event itself. */
export type ReadingKind = "number" | "distinct_value" | "event";

export function readingKindOf(aggregation: Aggregation): ReadingKind {
  if (aggregation === "count") return "event";
  return aggregation === "unique_count" ? "distinct_value" : "number";
}

/**
 * Whether what a definition of `definitionAggregation` reads from an event
 * is a value a window of `windowAggregation` combines. When it is not, the
 * event still counts in the window (its event count) but gives it no value.
 */
export function readsWindowValue(
  definitionAggregation: Aggregation,
  windowAggregation: Aggregation,
): boolean {
  const kind = readingKindOf(windowAggregation);
  return kind !== "event" && readingKindOf(definitionAggregation) === kind;
}

/** A meter's whole history when it has only ever had one definition: the scenario format's meters. */
export function singleDefinition(meter: Meter): MeterDefinitionSpan[] {
  return [{ from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY, meter }];
}

/** Refuses spans that are out of order, empty, overlapping, or of another meter than `code`. */
export function checkMeterHistory(code: string, spans: readonly MeterDefinitionSpan[]): void {
  for (const [index, span] of spans.entries()) {
    if (span.meter.code !== code) {
      throw new BillingInputError(
        `a definition of meter "${span.meter.code}" is in the history of "${code}"`,
      );
    }
    const previous = spans[index - 1];
    if (!(span.from < span.until) || (previous !== undefined && span.from < previous.until)) {
      throw new BillingInputError(`the definitions of meter "${code}" overlap or are out of order`);
    }
  }
}

/** The span in effect at `instant`, or undefined outside every span (binary search over sorted, disjoint spans). */
export function spanAt<Span extends { readonly from: Instant; readonly until: Instant }>(
  spans: readonly Span[],
  instant: Instant,
): Span | undefined {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (spans[middle]!.from <= instant) low = middle + 1;
    else high = middle;
  }
  const span = spans[low - 1];
  return span !== undefined && instant < span.until ? span : undefined;
}
