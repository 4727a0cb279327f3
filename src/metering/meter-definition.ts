// What a meter version counts, checked by the pricing language's rules for a
// meter (the same a scenario's meters are checked by), and turned into the
// billing core's Meter so that ingestion, usage queries and the engine read
// events alike.
import type { Aggregation, Instant, Meter } from "../core/index.ts";
import type { FieldError } from "../platform/errors.ts";
import {
  type MeterDocument,
  Meter as PricingMeter,
  ruleProblems,
  toCoreMeter as toPricingCoreMeter,
} from "../pricing/index.ts";
import type { MeterFilters } from "./tables.ts";

export type MeterDefinition = {
  event_name: string;
  aggregation: Aggregation;
  property: string | null;
  filters: MeterFilters;
  group_by: string[];
};

/** One version of a meter as ingestion and queries use it. */
export type MeterVersion = {
  meterId: string;
  code: string;
  version: number;
  definition: MeterDefinition;
  /** The core's view of the definition: matching, filters, the property read. */
  coreMeter: Meter;
  /** The version counts events with `effectiveFrom ≤ timestamp < effectiveUntil`. */
  effectiveFrom: Instant;
  effectiveUntil: Instant;
};

/** The definition as the pricing language writes a meter. */
function asPricingMeter(code: string, definition: MeterDefinition): MeterDocument {
  return {
    code,
    event_name: definition.event_name,
    aggregation: definition.aggregation,
    ...(definition.property === null ? {} : { property: definition.property }),
    filters: definition.filters,
  };
}

/**
 * The field errors of a definition, by the pricing language's rules for a
 * meter (a count meter takes no property, every other aggregation needs one),
 * plus the dimensions this API adds.
 */
export function checkMeterDefinition(code: string, definition: MeterDefinition): FieldError[] {
  const errors = ruleProblems(PricingMeter, asPricingMeter(code, definition), {});
  const seen = new Set<string>();
  for (const [index, dimension] of definition.group_by.entries()) {
    if (seen.has(dimension)) {
      errors.push({ path: `$.group_by[${index}]`, message: `lists "${dimension}" twice` });
    }
    seen.add(dimension);
  }
  return errors;
}

export function toCoreMeter(code: string, definition: MeterDefinition): Meter {
  return toPricingCoreMeter(asPricingMeter(code, definition));
}

/** The version of a meter in effect at an instant, or undefined before its first version. */
export function versionInEffect(versions: readonly MeterVersion[], at: Instant): MeterVersion | undefined {
  return versions.find((version) => version.effectiveFrom <= at && at < version.effectiveUntil);
}

/** True when two definitions count the same events the same way (a name change aside). */
export function sameDefinition(left: MeterDefinition, right: MeterDefinition): boolean {
  return (
    left.event_name === right.event_name &&
    left.aggregation === right.aggregation &&
    left.property === right.property &&
    JSON.stringify(sortedObject(left.filters)) === JSON.stringify(sortedObject(right.filters)) &&
    JSON.stringify(left.group_by) === JSON.stringify(right.group_by)
  );
}

function sortedObject<Value>(object: Record<string, Value>): [string, Value][] {
  return Object.entries(object).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
}
