// Request and response bodies of the month-end close.
import { type Static, Type } from "typebox";
import { Nullable } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { Period } from "./revenue-schemas.ts";

const ChecklistItemSchema = Type.Object({
  key: Type.String({
    description:
      "bill_runs_done, no_draft_past_grace, no_draft_in_grace, reconciliation_clean, exports_generated",
  }),
  title: Type.String(),
  passed: Type.Boolean(),
  detail: Type.String({ description: "what is left to do, or why the item passes" }),
});
export type ChecklistItem = Static<typeof ChecklistItemSchema>;

export const PeriodLockSchema = Type.Object({
  id: Type.String(),
  period: Type.String(),
  timezone: Type.String(),
  period_start: Type.String(),
  period_end: Type.String(),
  locked_at: Type.String(),
  locked_by: Type.String(),
  reason: Nullable(Type.String()),
  checklist: Type.Array(ChecklistItemSchema, { description: "the checklist as it stood at the lock" }),
});
export type PeriodLockView = Static<typeof PeriodLockSchema>;

export const CloseChecklistQuery = StrictObject({ period: Period });

export const CloseChecklistSchema = Type.Object({
  period: Type.String(),
  timezone: Type.String(),
  ended: Type.Boolean({ description: "a month can be closed once it has ended" }),
  ready: Type.Boolean({ description: "every item passes" }),
  items: Type.Array(ChecklistItemSchema),
  lock: Nullable(PeriodLockSchema),
});
export type CloseChecklistView = Static<typeof CloseChecklistSchema>;

export const LockPeriodBody = StrictObject({
  period: Period,
  reason: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 1000,
      pattern: "^[^\\u0000]*$",
      examples: ["January is reconciled and approved by the controller."],
    }),
  ),
  override_checklist: Type.Optional(
    Type.Boolean({ description: "lock although checklist items are open; give the reason" }),
  ),
});
export type LockPeriodInput = Static<typeof LockPeriodBody>;
