// A usage event as the engine reads it, and how its properties are read: as
// exact numbers for aggregation and pricing, as canonical keys for filters
// and distinct counts.
import { canonicalDecimalText, Decimal, isNumericText } from "../decimal.ts";
import type { Instant } from "../instant.ts";

export type UsageEvent = {
  readonly id: string;
  readonly name: string;
  readonly timestamp: Instant;
  readonly properties: Readonly<Record<string, unknown>>;
  /** When the service received it (scenario format v2, V15); absent: its timestamp. */
  readonly receivedAt?: Instant;
};

/**
 * A numeric property value: a JS number while it is one exactly (as JSON.parse
 * produced it), otherwise a Decimal. Keeping plain numbers lets the common case
 * of integer counts and sizes add up without allocating.
 */
export type NumericValue = number | Decimal;

/** Integers written as text that a double holds exactly (at most 15 digits). */
const SHORT_INTEGER_TEXT = /^-?\d{1,15}$/;

/** Reads a number or a numeric string; undefined for anything else (missing, text, boolean, …). */
export function readNumericValue(raw: unknown): NumericValue | undefined {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== "string") return undefined;
  if (SHORT_INTEGER_TEXT.test(raw)) return Number(raw);
  return isNumericText(raw) ? new Decimal(raw) : undefined;
}

export function toDecimal(value: NumericValue): Decimal {
  return typeof value === "number" ? new Decimal(value) : value;
}

/** Marks keys of values that are neither numbers nor plain strings, so they never equal a string's key. */
const JSON_KEY_PREFIX = "\u0000";

/**
 * A key that is equal for equal property values (billing rule 13): numbers and
 * numeric strings by their canonical decimal form (`1`, `1.0` and `"1"` are one
 * value), other strings as themselves, anything else by its JSON text.
 */
export function propertyValueKey(raw: unknown): string {
  if (typeof raw === "number" && Number.isSafeInteger(raw)) return raw === 0 ? "0" : String(raw);
  if (typeof raw === "string" && !raw.startsWith(JSON_KEY_PREFIX)) {
    const first = raw.charCodeAt(0);
    // Only text starting with a digit or a minus sign can be numeric.
    const mayBeNumeric = (first >= 48 && first <= 57) || first === 45;
    return mayBeNumeric && isNumericText(raw) ? canonicalDecimalText(new Decimal(raw)) : raw;
  }
  if (typeof raw === "number" && Number.isFinite(raw)) return canonicalDecimalText(new Decimal(raw));
  return JSON_KEY_PREFIX + JSON.stringify(raw);
}

/** A property the event itself holds (never one inherited from Object.prototype). */
export function ownProperty(properties: Readonly<Record<string, unknown>>, name: string): unknown {
  return Object.hasOwn(properties, name) ? properties[name] : undefined;
}

/**
 * Whether an event's properties pass all of a meter's filters: each filtered
 * property is present and one of the accepted values, compared by value key
 * (so `1` and `"1"` are the same value). The engine and live metering both
 * match events with this one function.
 */
export function meterFilterOf(
  filters: readonly { readonly property: string; readonly acceptedValues: readonly unknown[] }[],
): (properties: Readonly<Record<string, unknown>>) => boolean {
  const compiled = filters.map((filter) => ({
    property: filter.property,
    acceptedKeys: new Set(filter.acceptedValues.map(propertyValueKey)),
  }));
  return (properties) => {
    for (const filter of compiled) {
      const raw = ownProperty(properties, filter.property);
      if (raw === undefined || !filter.acceptedKeys.has(propertyValueKey(raw))) return false;
    }
    return true;
  };
}
