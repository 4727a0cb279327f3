// The JSON shapes of an environment's metering settings.
import { type Static, Type } from "typebox";
import { Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const PastWindowDays = Type.Integer({
  minimum: 1,
  maximum: 3650,
  description: "how many days old an event's timestamp may be when it is sent (backfill excepted)",
});

const RetentionMonths = Type.Union([Type.Integer({ minimum: 1, maximum: 1200 }), Type.Null()], {
  description:
    "months of raw events kept in the database; whole months older than this are archived to files and " +
    "dropped (usage, invoices and rollups stay); null keeps them forever",
});

export const MeteringSettingsSchema = Type.Object({
  event_past_window_days: PastWindowDays,
  event_retention_months: RetentionMonths,
  event_future_window_seconds: Type.Integer({
    description: "how far in the future an event's timestamp may be (fixed)",
  }),
  updated_at: Type.Union([Timestamp, Type.Null()], { description: "null while the defaults apply" }),
});
export type MeteringSettings = Static<typeof MeteringSettingsSchema>;

export const UpdateMeteringSettingsBody = StrictObject({
  event_past_window_days: PastWindowDays,
  /** Absent: unchanged. */
  event_retention_months: Type.Optional(RetentionMonths),
});
export type UpdateMeteringSettingsInput = Static<typeof UpdateMeteringSettingsBody>;
