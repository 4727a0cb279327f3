// The JSON shapes of meters on the API: what a client sends and gets back.
import { type Static, Type } from "typebox";
import {
  DateTimeString,
  Description,
  Name,
  Nullable,
  PrefixedId,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { Aggregation, EventName, MeterFilters, PropertyName } from "../pricing/index.ts";

const MeterCode = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: "^[A-Za-z0-9_.:-]+$",
  description: "letters, digits and _ . : - (such as api_calls), unique in the environment",
});

const DisplayDecimals = Type.Integer({
  minimum: 0,
  maximum: 12,
  description:
    "decimals a quantity of this meter shows on customer documents (PDF, invoice pages, portal); " +
    "the exact quantity stays in the API, the explanation and exports. Default 2",
});

const GroupBy = Type.Array(PropertyName, {
  maxItems: 5,
  description: "property names whose values split usage into groups (usage queries take one as group_by)",
});

const definitionFields = {
  event_name: EventName,
  aggregation: Aggregation,
  property: Type.Optional(
    Nullable({
      ...PropertyName,
      description: "the property aggregated; required for every aggregation but count",
    }),
  ),
  filters: Type.Optional(MeterFilters),
  group_by: Type.Optional(GroupBy),
};

export const CreateMeterBody = StrictObject({
  code: MeterCode,
  name: Name,
  description: Type.Optional(Description),
  display_decimals: Type.Optional(Nullable(DisplayDecimals)),
  ...definitionFields,
  effective_from: Type.Optional(
    DateTimeString(
      "events from this instant on are counted; default: the oldest timestamp ingestion accepts " +
        "(now minus the environment's event_past_window_days)",
    ),
  ),
});
export type CreateMeterInput = Static<typeof CreateMeterBody>;

export const UpdateMeterBody = StrictObject(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    display_decimals: Type.Optional(Nullable(DisplayDecimals)),
    event_name: Type.Optional(EventName),
    aggregation: Type.Optional(Aggregation),
    property: definitionFields.property,
    filters: definitionFields.filters,
    group_by: definitionFields.group_by,
  },
  { minProperties: 1 },
);
export type UpdateMeterInput = Static<typeof UpdateMeterBody>;

export const CreateMeterVersionBody = StrictObject({
  event_name: Type.Optional(EventName),
  aggregation: Type.Optional(Aggregation),
  property: definitionFields.property,
  filters: definitionFields.filters,
  group_by: definitionFields.group_by,
  effective_from: Type.Optional(
    DateTimeString("when the new version takes over from the current one; default: now"),
  ),
});
export type CreateMeterVersionInput = Static<typeof CreateMeterVersionBody>;

const DefinitionSchema = {
  event_name: Type.String(),
  aggregation: Type.String(),
  property: Nullable(Type.String()),
  filters: MeterFilters,
  group_by: Type.Array(Type.String()),
};

const MeterVersionSchema = Type.Object({
  version: Type.Integer(),
  ...DefinitionSchema,
  effective_from: Timestamp,
  effective_until: Nullable(Timestamp),
  created_at: Timestamp,
});
export type MeterVersionView = Static<typeof MeterVersionSchema>;

export const MeterSchema = Type.Object({
  id: PrefixedId("mtr"),
  code: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  display_decimals: Nullable(DisplayDecimals),
  version: Type.Integer({ description: "the version in effect now (the first one before it starts)" }),
  ...DefinitionSchema,
  effective_from: Timestamp,
  versions: Type.Array(MeterVersionSchema, { description: "every version, oldest first" }),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type MeterView = Static<typeof MeterSchema>;

export const MeterListQuery = StrictObject({
  code: Type.Optional(Type.String({ maxLength: 100 })),
  event_name: Type.Optional(Type.String({ maxLength: 255 })),
});
export type MeterListFilters = Static<typeof MeterListQuery>;
