// A meter in the pricing language: which events it counts (by name and
// property filters) and how it aggregates them. The metering API stores meters
// with these fields, a scenario defines them inline, and charges refer to them
// by code.
import { type Static, Type } from "typebox";
import type { Meter as CoreMeter } from "../core/index.ts";
import { StringEnum } from "../platform/http/schemas.ts";
import { describeValue, isPlainObject, withMessage, withRules } from "./document-checks.ts";
import { Code } from "./fields.ts";

const AGGREGATIONS = ["count", "sum", "max", "unique_count", "latest", "weighted_sum"] as const;

export const Aggregation = StringEnum(AGGREGATIONS, {
  description:
    "count events, or sum, max, unique_count, latest or weighted_sum (a time-weighted level) of a property",
});

export const EventName = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: "^[^\\u0000]+$",
  description: "the name of the events the meter counts",
});

export const PropertyName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: "^[^\\u0000]+$",
  description: "an event property's name (no NUL characters)",
});

const FilterValue = withMessage(
  Type.Union([Type.String({ maxLength: 255, pattern: "^[^\\u0000]*$" }), Type.Number(), Type.Boolean()]),
  (value) => `must be a string, number or boolean, not ${describeValue(value)}`,
);

export const MeterFilters = Type.Record(
  PropertyName,
  Type.Array(FilterValue, { minItems: 1, maxItems: 100 }),
  {
    // A name outside PropertyName (the empty one) is refused, not let through unchecked.
    additionalProperties: false,
    maxProperties: 20,
    title: "MeterFilters",
    description:
      'an event matches when each listed property holds one of its values: {"model": ["large", "xl"]}',
  },
);

/** A meter; a count meter takes no property, and every other aggregation reads one. */
export const Meter = withRules(
  Type.Object(
    {
      code: Code,
      event_name: EventName,
      aggregation: Aggregation,
      property: Type.Optional(PropertyName),
      filters: Type.Optional(MeterFilters),
    },
    {
      additionalProperties: false,
      title: "Meter",
      description: "a meter: the events it counts (event_name, filters) and how (aggregation of property)",
    },
  ),
  (value, path, run) => {
    if (!run.isValid(path) || !isPlainObject(value)) return;
    const propertyPath = [...path, "property"];
    if (value.aggregation === "count" && value.property !== undefined) {
      run.report(propertyPath, "a count meter counts events and takes no property");
    } else if (value.aggregation !== "count" && value.property === undefined) {
      run.report(propertyPath, `is required for a ${String(value.aggregation)} meter`);
    }
  },
);

export type MeterDocument = Static<typeof Meter>;

/** The billing core's meter: matching, filters, the property read. */
export function toCoreMeter(meter: MeterDocument): CoreMeter {
  return {
    code: meter.code,
    eventName: meter.event_name,
    aggregation: meter.aggregation,
    ...(meter.property === undefined ? {} : { property: meter.property }),
    filters: Object.entries(meter.filters ?? {}).map(([property, acceptedValues]) => ({
      property,
      acceptedValues,
    })),
  };
}
