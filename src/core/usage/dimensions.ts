// Dimensional prices (scenario format v2, section 1): how an event's values for
// a charge's dimensions are read and compared, the key of their combination,
// and which price a combination takes. A combination's price is one map
// lookup, whatever the number of listed combinations.
import type { ChargeDimensions, PricingModel } from "../catalog.ts";
import { canonicalDecimalText, Decimal, isNumericText } from "../decimal.ts";
import { ownProperty } from "./usage-event.ts";

/**
 * A dimension value in its compared form (V3): a number, or a string that
 * reads as a decimal number, by its canonical decimal text (`1`, `1.0`, `"1"`
 * and `"1.00"` are all `"1"`); any other string as it is. Anything else (a
 * missing property, a boolean, an object, null) has no value.
 */
export function dimensionValue(raw: unknown): string | null {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return null;
    return Number.isSafeInteger(raw)
      ? raw === 0
        ? "0"
        : String(raw)
      : canonicalDecimalText(new Decimal(raw));
  }
  if (typeof raw !== "string") return null;
  const first = raw.charCodeAt(0);
  // Only text starting with a digit or a minus sign can be numeric.
  const mayBeNumeric = (first >= 48 && first <= 57) || first === 45;
  return mayBeNumeric && isNumericText(raw) ? canonicalDecimalText(new Decimal(raw)) : raw;
}

/** A combination of dimension values (null: no value) as one map key. */
export function combinationKey(values: readonly (string | null)[]): string {
  return values.length === 1 ? (values[0] === null ? "\u0000" : `s${values[0]}`) : JSON.stringify(values);
}

/** An event's combination for a charge's dimensions: its values and their key. */
export function combinationOf(
  properties: Readonly<Record<string, unknown>>,
  dimensionNames: readonly string[],
): { key: string; values: (string | null)[] } {
  const values = dimensionNames.map((name) => dimensionValue(ownProperty(properties, name)));
  return { key: combinationKey(values), values };
}

/** How a combination is priced: by its listed entry, by the charge's default, or refused. */
export type CombinationPricing =
  | { readonly pricing: PricingModel; readonly position: number; readonly byDefault: false }
  | { readonly pricing: PricingModel; readonly byDefault: true }
  | "reject";

export function combinationPricing(dimensions: ChargeDimensions, key: string): CombinationPricing {
  const listed = dimensions.prices.get(key);
  if (listed !== undefined) return { pricing: listed.pricing, position: listed.position, byDefault: false };
  return dimensions.fallback === "reject" ? "reject" : { pricing: dimensions.fallback, byDefault: true };
}

/**
 * Default-priced combinations are ordered by their values compared as strings,
 * code point by code point, the first dimension first; no value sorts before
 * any string (V6).
 */
export function compareCombinationValues(
  left: readonly (string | null)[],
  right: readonly (string | null)[],
): number {
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const a = left[index] ?? null;
    const b = right[index] ?? null;
    if (a === b) continue;
    if (a === null) return -1;
    if (b === null) return 1;
    return compareCodePoints(a, b);
  }
  return 0;
}

function compareCodePoints(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = a[index]!.codePointAt(0)! - b[index]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
