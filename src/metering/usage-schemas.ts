// The JSON shapes of usage queries.
import { type Static, Type } from "typebox";
import { DateTimeString, DecimalString, Nullable, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { windowUnits } from "./query-windows.ts";

export const UsageQuery = StrictObject({
  customer: Type.String({ minLength: 1, maxLength: 255, description: "the customer's external id" }),
  meter: Type.String({ minLength: 1, maxLength: 100, description: "the meter's code" }),
  from: DateTimeString("start of the range, included"),
  to: Type.Optional(DateTimeString("end of the range, excluded; default now")),
  window: Type.Optional(
    StringEnum(windowUnits, {
      description: "hour, day or month of the customer's time zone, or none for one window; default none",
    }),
  ),
  group_by: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: "one of the meter's group_by dimensions" }),
  ),
});
export type UsageQueryInput = Static<typeof UsageQuery>;

const UsageWindowSchema = Type.Object({
  start: Timestamp,
  end: Timestamp,
  group: Type.Union([Type.Record(Type.String(), Nullable(Type.String())), Type.Null()], {
    description: "with group_by: the dimension's value (null when events lack it)",
  }),
  value: DecimalString,
  event_count: Type.Integer({ description: "the events the value is made of" }),
});

export const UsageReportSchema = Type.Object({
  customer: Type.String(),
  meter: Type.String(),
  aggregation: Type.String(),
  timezone: Type.String({ description: "the customer's time zone, in which windows are cut" }),
  from: Timestamp,
  to: Timestamp,
  window: Type.String(),
  group_by: Nullable(Type.String()),
  windows: Type.Array(UsageWindowSchema),
});
export type UsageReport = Static<typeof UsageReportSchema>;
