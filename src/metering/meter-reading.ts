// What a meter version reads from one event: whether the event matches (its
// name and every filter), the value the aggregation needs, and the values of
// the meter's dimensions. Values are compared and parsed with the billing
// core's own functions (propertyValueKey, readNumericValue), so an event counts
// here exactly as it would in the engine and in `fairbill simulate`.
import {
  Decimal,
  meterFilterOf,
  type NumericValue,
  needsNumericProperty,
  ownProperty,
  propertyValueKey,
  readNumericValue,
} from "../core/index.ts";
import type { MeterVersion } from "./meter-definition.ts";
import type { EventProperties } from "./tables.ts";

export type MeterReading =
  | { kind: "not_matched" }
  | {
      kind: "matched";
      /** sum, max, latest, weighted_sum: the property's value. */
      numeric: NumericValue | undefined;
      /** unique_count: the property value's storage key. */
      uniqueKey: string | undefined;
      /** Canonical JSON of the group_by values (see dimensionKeyOf). */
      dimensionKey: string;
    }
  | { kind: "unreadable"; property: string; problem: "missing" | "not_numeric" | "out_of_range" };

/** Precomputed for reading many events with one version. */
export type MeterReader = {
  version: MeterVersion;
  read(properties: EventProperties): MeterReading;
  /** The dimension key of an event that passes the filters, undefined for one they leave out; reads no value. */
  dimensionKeyIfMatched(properties: EventProperties): string | undefined;
  /** The properties this version matches and groups on (its filters and dimensions), without the one it reads. */
  keysMatchedOn: readonly string[];
};

export function meterReaderOf(version: MeterVersion): MeterReader {
  const passesFilters = meterFilterOf(version.coreMeter.filters);
  const { aggregation, property } = version.definition;
  const numeric = needsNumericProperty(aggregation);
  const dimensions = [...version.definition.group_by].sort();
  const dimensionKeyIfMatched = (properties: EventProperties) =>
    passesFilters(properties) ? dimensionKeyOf(dimensions, properties) : undefined;
  return {
    version,
    dimensionKeyIfMatched,
    keysMatchedOn: [
      ...new Set([...version.coreMeter.filters.map((filter) => filter.property), ...dimensions]),
    ],
    read(properties) {
      const dimensionKey = dimensionKeyIfMatched(properties);
      if (dimensionKey === undefined) return { kind: "not_matched" };
      if (property === null)
        return { kind: "matched", numeric: undefined, uniqueKey: undefined, dimensionKey };
      const raw = ownProperty(properties, property);
      if (raw === undefined) return { kind: "unreadable", property, problem: "missing" };
      if (!numeric)
        return { kind: "matched", numeric: undefined, uniqueKey: encodeValueKey(raw), dimensionKey };
      const value = readNumericValue(raw);
      if (value === undefined) return { kind: "unreadable", property, problem: "not_numeric" };
      if (!isStorable(value)) return { kind: "unreadable", property, problem: "out_of_range" };
      return { kind: "matched", numeric: value, uniqueKey: undefined, dimensionKey };
    },
  };
}

/** The reason given to a caller for an unreadable property. */
export function describeUnreadable(
  reading: Extract<MeterReading, { kind: "unreadable" }>,
  meterCode: string,
): string {
  switch (reading.problem) {
    case "missing":
      return `is required by meter "${meterCode}", which reads "${reading.property}" from this event`;
    case "not_numeric":
      return `must be a number or a numeric string for meter "${meterCode}"`;
    case "out_of_range":
      return `must be between -1e${storableExponent} and 1e${storableExponent} with at most ${storableDecimalPlaces} decimal places`;
  }
}

/**
 * A property value as stored text that is equal for values the core treats
 * as equal (`1`, `1.0` and `"1"`). The core marks values that are neither
 * numbers nor strings with a NUL character, which PostgreSQL text cannot hold,
 * so each key gets a one-letter tag instead: `s` for numbers and strings, `j`
 * for the JSON text of anything else.
 */
export function encodeValueKey(raw: unknown): string {
  const key = propertyValueKey(raw);
  return key.startsWith("\u0000") ? `j${key.slice(1)}` : `s${key}`;
}

/** The value of a stored key as a caller reads it: the text of a string or number, the JSON of anything else. */
export function decodeValueKey(key: string): string {
  return key.slice(1);
}

/** `{"model":"slarge","region":null}`: dimensions in name order, each value's key, null when missing. */
function dimensionKeyOf(sortedDimensions: readonly string[], properties: EventProperties): string {
  if (sortedDimensions.length === 0) return "{}";
  const values: Record<string, string | null> = {};
  for (const dimension of sortedDimensions) {
    const raw = ownProperty(properties, dimension);
    values[dimension] = raw === undefined ? null : encodeValueKey(raw);
  }
  return JSON.stringify(values);
}

// PostgreSQL's numeric holds far more, but a value beyond these bounds is a
// producer's bug, not usage; refusing it keeps every sum exact in 50 digits.
const storableExponent = 30;
const storableDecimalPlaces = 20;

function isStorable(value: NumericValue): boolean {
  if (typeof value === "number" && Number.isSafeInteger(value)) return true;
  const decimal = typeof value === "number" ? new Decimal(value) : value;
  return decimal.abs().lessThan(`1e${storableExponent}`) && decimal.decimalPlaces() <= storableDecimalPlaces;
}
