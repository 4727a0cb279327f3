// The JSON shapes of the cut-over on the API: the checklist computed from the
// environment's data (each item ok or missing, with what is missing), the
// switch date once set, and the old system's subscriptions to cancel there.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import { Nullable, StringEnum, Timestamp } from "../platform/http/schemas.ts";

const checklistItemKeys = ["imports", "parallel_run", "payment_methods", "webhooks", "emails"] as const;
export type ChecklistItemKey = (typeof checklistItemKeys)[number];

const ChecklistItemSchema = Type.Object(
  {
    item: StringEnum(checklistItemKeys),
    title: Type.String(),
    status: StringEnum(["ok", "missing"]),
    detail: Type.String({ description: "what is in place, or what is missing and how to fix it" }),
    missing_count: Type.Integer({ description: "how many objects are missing something (0 when ok)" }),
    missing_ids: Type.Array(Type.String(), {
      description: "the ids of the first 100 of them: imports, differences (run.position.line), customers",
    }),
  },
  { title: "CutOverChecklistItem" },
);
export type ChecklistItem = Static<typeof ChecklistItemSchema>;

const OldSubscriptionSchema = Type.Object({
  source: Type.String({ description: "the system it was imported from, such as stripe or csv" }),
  external_id: Type.String({ description: "the subscription's id in the old system, to cancel there" }),
  subscription_id: Type.String({ description: "the Fairbill subscription it became" }),
});

export const CutOverSchema = Type.Object(
  {
    ready: Type.Boolean({ description: "every item of the checklist is ok: the switch date may be set" }),
    checklist: Type.Array(ChecklistItemSchema),
    switch: Nullable(
      Type.Object({
        switch_at: Timestamp,
        subscriptions_moved: Type.Integer({
          description: "imported subscriptions that Fairbill bills from the switch date, not before",
        }),
        set_by: Type.String(),
        reason: Nullable(Type.String()),
        created_at: Timestamp,
      }),
    ),
    old_subscriptions_to_cancel: Type.Array(OldSubscriptionSchema, {
      description:
        "the old system's subscriptions that Fairbill bills from the switch date: cancel them there from that date",
    }),
  },
  { title: "CutOver" },
);
export type CutOver = Static<typeof CutOverSchema>;

export const SetCutOverBody = BodyWithReason({
  switch_at: Timestamp,
});
export type SetCutOverInput = Static<typeof SetCutOverBody>;
