// The JSON shapes of the portal's self-serve changes: the seller's settings
// (which plans a customer may switch to, whether it may cancel), the plan
// options a customer sees, and the bodies of its plan changes, cancellations
// and wallet top-ups.
import { type Static, Type } from "typebox";
import { Code } from "../catalog/index.ts";
import { Nullable, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { SubscriptionSchema } from "../subscriptions/index.ts";

const Cancellation = StringEnum(["not_allowed", "at_period_end"], {
  description:
    "whether customers may cancel a subscription themselves: not_allowed, or at_period_end (it runs to the end of the period it is in)",
});

export const PortalSelfServeSettingsSchema = Type.Object({
  plan_codes: Type.Array(Type.String(), {
    description:
      "the plans a customer may switch a subscription to, by code; each is offered while it has a published version in the subscription's currency",
  }),
  cancellation: Cancellation,
  updated_at: Nullable({ ...Timestamp, description: "null while nothing was set (nothing is allowed)" }),
});
export type PortalSelfServeSettings = Static<typeof PortalSelfServeSettingsSchema>;

export const UpdatePortalSelfServeSettingsBody = StrictObject({
  plan_codes: Type.Optional(
    Type.Array(Code, { maxItems: 50, description: "the plans customers may switch to; [] for none" }),
  ),
  cancellation: Type.Optional(Cancellation),
});
export type UpdatePortalSelfServeSettingsInput = Static<typeof UpdatePortalSelfServeSettingsBody>;

const PortalPlanOptionSchema = Type.Object({
  plan_id: Type.String(),
  plan_code: Type.String(),
  plan_name: Type.String(),
  version: Type.Integer({ description: "the published version the subscription would move to now" }),
});

const PortalPendingPlanChangeSchema = Type.Object({
  approval_request_id: Type.String(),
  plan_id: Type.String(),
  plan_name: Type.String({ description: "the plan the subscription moves to once the seller approves" }),
  requested_at: Timestamp,
});

export const PortalSubscriptionOptionsSchema = Type.Object({
  subscription: SubscriptionSchema,
  current_plan_name: Type.String({ description: "the name of the plan in force now" }),
  awaiting_approval: Nullable({
    ...PortalPendingPlanChangeSchema,
    description:
      "a plan change asked for (in the portal or by the seller) that waits for the seller's approval; " +
      "null when none waits",
  }),
  plan_options: Type.Array(PortalPlanOptionSchema, {
    description:
      "the plans the seller lets the customer move this subscription to, its current plan left out",
  }),
  can_cancel: Type.Boolean({
    description: "true when the customer may cancel it at the end of its period (and has not yet)",
  }),
});
export type PortalSubscriptionOptions = Static<typeof PortalSubscriptionOptionsSchema>;

export const PortalPlanChangeBody = StrictObject({
  plan_code: { ...Code, description: "one of the plan_options of GET /v1/portal/plan-options" },
  timing: Type.Optional(
    StringEnum(["immediate", "period_end"], {
      description: "now (the rest of the period is prorated), or at the end of the period; default immediate",
    }),
  ),
});
export type PortalPlanChangeInput = Static<typeof PortalPlanChangeBody>;

export const PortalPlanChangeSchema = Type.Object({
  outcome: StringEnum(["changed", "awaiting_approval"], {
    description:
      "changed (200): the subscription is on the new plan; awaiting_approval (202): the seller's approval " +
      "policy reviews plan changes, so the change waits for a person at the seller and is made when they approve it",
  }),
  subscription: SubscriptionSchema,
  approval_request: Nullable(
    Type.Object({
      id: Type.String(),
      state: StringEnum(["pending", "approved", "rejected", "used"]),
    }),
  ),
});
export type PortalPlanChange = Static<typeof PortalPlanChangeSchema>;

export const PortalTopUpBody = StrictObject({
  amount: Type.String({
    pattern: "^[0-9]{1,7}(\\.[0-9]{1,3})?$",
    examples: ["50.00"],
    description:
      "money to pay, in the wallet's currency and its minor unit (such as 50.00): more than 0, at most 100000",
  }),
});
export type PortalTopUpInput = Static<typeof PortalTopUpBody>;
