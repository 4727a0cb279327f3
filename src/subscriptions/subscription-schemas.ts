// The JSON shapes of subscriptions and their timeline on the API.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import {
  CurrencyCode,
  DecimalString,
  IdParams,
  Metadata,
  NonEmptyId,
  NonNegativeDecimalString,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
  VersionNumber,
} from "../platform/http/schemas.ts";
import { Code } from "../pricing/index.ts";
import { subscriptionStatuses } from "./subscription-timeline.ts";

/** The path of a route about one subscription (the preview of a plan change shares it). */
export const SubscriptionIdParams = IdParams;

/** A whole number of units of a fixed charge: seats, licences. */
const Quantity = Type.Integer({ minimum: 0, maximum: 1_000_000 });

const Quantities = Type.Record(Code, Quantity, {
  description:
    "each fixed charge's quantity at the start (charge id → whole number, within the charge's min_quantity and max_quantity); a charge not named holds 1",
});

const InstantWindowMinutes = Type.Integer({
  minimum: 1,
  maximum: 1440,
  description: "the length of the windows in which usage billed in advance is invoiced (60 when left out)",
});

const poolUsageDescription =
  "true: the usage charges price the usage of the customer and of all its child customers summed per meter and period, before tiers and allowances (a meter aggregating by unique_count or latest cannot be pooled); the invoice's usage line shows each account's quantity. Set when subscribing. The children's own plans should not price the same meters, or their usage is billed twice.";

export const CreateSubscriptionBody = BodyWithReason({
  customer_id: NonEmptyId,
  plan_id: NonEmptyId,
  plan_version: Type.Optional({
    ...VersionNumber,
    description: "a published version of the plan; the one in effect at start_at when left out",
  }),
  start_at: Type.Optional({ ...Timestamp, description: "now when left out; past and future both allowed" }),
  billing_starts_at: Type.Optional({
    ...Timestamp,
    description:
      "backfill mode: the subscription's history from start_at is recorded, but only invoices falling due " +
      "at or after this instant are issued (the earlier ones were billed elsewhere); on or after start_at, " +
      "at most 24 billing periods back; start_at when left out",
  }),
  billing: Type.Optional(
    StringEnum(["anniversary", "calendar"], {
      description:
        "anniversary (the default): periods start on the start date; calendar: on calendar boundaries",
    }),
  ),
  trial_days: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 3650, description: "the plan version's trial when left out" }),
  ),
  currency: Type.Optional({
    ...CurrencyCode,
    description:
      "the customer's currency when left out, else the version's; the version must price it (its own or a price book)",
  }),
  external_id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  metadata: Type.Optional(Metadata),
  progressive_billing_threshold: Type.Optional({
    ...NonNegativeDecimalString,
    description: "an amount above 0: usage billed early when the period's charges reach it",
  }),
  quantities: Type.Optional(Quantities),
  instant_window_minutes: Type.Optional(InstantWindowMinutes),
  pool_usage_with_children: Type.Optional(
    Type.Boolean({
      description: poolUsageDescription,
    }),
  ),
});
export type CreateSubscriptionInput = Static<typeof CreateSubscriptionBody>;

export const SubscriptionListQuery = Type.Object({
  customer_id: Type.Optional(NonEmptyId),
  plan_id: Type.Optional({ ...NonEmptyId, description: "subscriptions on this plan now" }),
  status: Type.Optional(StringEnum(subscriptionStatuses)),
});
export type SubscriptionListFilters = Static<typeof SubscriptionListQuery>;

/** The fields `GET /subscriptions?sort=` orders by. */
export const subscriptionSortFields = ["started_at", "next_billing_at", "ends_at"] as const;
export type SubscriptionSortField = (typeof subscriptionSortFields)[number];

export const ChangePlanBody = BodyWithReason({
  plan_id: { ...NonEmptyId, description: "the same plan (another version) or another plan" },
  plan_version: Type.Optional({
    ...VersionNumber,
    description: "a published version; the one in effect when the change takes effect when left out",
  }),
  timing: StringEnum(["immediate", "period_end", "at"], {
    description: "now, at the end of the current period, or at `at`",
  }),
  at: Type.Optional({ ...Timestamp, description: "required with timing at, left out otherwise" }),
});
export type ChangePlanInput = Static<typeof ChangePlanBody>;

export const CancelSubscriptionBody = BodyWithReason({
  mode: StringEnum(["immediate", "period_end"], {
    description: "immediate: ends at `at`; period_end: at the end of the period `at` falls in",
  }),
  at: Type.Optional({ ...Timestamp, description: "now when left out" }),
});
export type CancelSubscriptionInput = Static<typeof CancelSubscriptionBody>;

export const ChangeQuantityBody = BodyWithReason({
  charge_id: { ...Code, description: "a fixed charge of the plan version in force at `at`" },
  quantity: {
    ...Quantity,
    description: "the new quantity, within the charge's min_quantity and max_quantity",
  },
  at: Type.Optional({
    ...Timestamp,
    description:
      "when the quantity changes; now when left out. Inside a period, an in-advance charge bills the difference prorated to the period's end (a decrease is credited only when the charge has credit_on_decrease)",
  }),
});
export type ChangeQuantityInput = Static<typeof ChangeQuantityBody>;

export const PauseSubscriptionBody = BodyWithReason({
  at: Type.Optional({ ...Timestamp, description: "when the pause starts; now when left out" }),
  until: Type.Optional({ ...Timestamp, description: "when it ends by itself; open-ended when left out" }),
});
export type PauseSubscriptionInput = Static<typeof PauseSubscriptionBody>;

export const ResumeSubscriptionBody = BodyWithReason({
  at: Type.Optional({ ...Timestamp, description: "when the pause ends; now when left out" }),
});
export type ResumeSubscriptionInput = Static<typeof ResumeSubscriptionBody>;

const PlanVersionReference = Type.Object({
  plan_id: Type.String(),
  plan_code: Type.String(),
  plan_version_id: Type.String(),
  version: Type.Integer(),
});
export type PlanVersionReference = Static<typeof PlanVersionReference>;

const SubscriptionChangeSchema = Type.Object({
  id: PrefixedId("sch"),
  type: StringEnum(["change_plan", "cancel"]),
  at: Timestamp,
  plan: Nullable(PlanVersionReference),
  mode: Nullable(StringEnum(["immediate", "period_end"])),
  timing: Type.String({
    description: "how `at` was asked for: immediate, period_end, at, or a migration's timing",
  }),
  migration_id: Nullable(Type.String()),
  created_by: Type.String(),
  created_at: Timestamp,
});
export type SubscriptionChangeView = Static<typeof SubscriptionChangeSchema>;

const QuantityChangeSchema = Type.Object({
  id: PrefixedId("sqc"),
  charge_id: Type.String(),
  quantity: Type.Integer(),
  at: Timestamp,
  created_by: Type.String(),
  created_at: Timestamp,
});

const SubscriptionPauseSchema = Type.Object({
  id: Type.String(),
  from: Timestamp,
  until: Nullable(Timestamp),
  paused_by: Type.String(),
  resumed_by: Nullable(Type.String()),
  created_at: Timestamp,
});
export type SubscriptionPauseView = Static<typeof SubscriptionPauseSchema>;

export const SubscriptionSchema = Type.Object(
  {
    id: PrefixedId("sub"),
    customer_id: Type.String(),
    external_id: Nullable(Type.String()),
    status: StringEnum(subscriptionStatuses, { description: "at the time of the request" }),
    plan_id: Type.String({ description: "the plan the subscription started on" }),
    plan_version_id: Type.String({ description: "the version the subscription started on" }),
    current_plan: {
      ...PlanVersionReference,
      description: "the plan version in force now (the first one before the start)",
    },
    currency: Type.String(),
    billing: StringEnum(["anniversary", "calendar"]),
    trial_days: Type.Integer(),
    started_at: Timestamp,
    billing_starts_at: Nullable({
      ...Timestamp,
      description:
        "backfill mode: no invoice falling due before it is issued; null when billed from the start",
    }),
    trial_ends_at: Timestamp,
    timezone: Type.String({ description: "the customer's zone when the subscription was created" }),
    current_period_start: Nullable(Timestamp),
    current_period_end: Nullable(Timestamp),
    ends_at: Nullable({ ...Timestamp, description: "when the recorded cancellation ends it" }),
    next_billing_at: Nullable(Timestamp),
    billed_through: Nullable(Timestamp),
    progressive_billing_threshold: Nullable(DecimalString),
    pool_usage_with_children: Type.Boolean({ description: poolUsageDescription }),
    metadata: Type.Record(Type.String(), Type.String()),
    changes: Type.Array(SubscriptionChangeSchema, { description: "in the order they take effect" }),
    pauses: Type.Array(SubscriptionPauseSchema, { description: "oldest first" }),
    quantities: Type.Record(Type.String(), Type.Integer(), {
      description:
        "each fixed charge's quantity at the start, as set when subscribing (a charge not named holds 1)",
    }),
    quantity_changes: Type.Array(QuantityChangeSchema, { description: "in the order they take effect" }),
    instant_window_minutes: Type.Integer({
      description: "the length of the windows in which usage billed in advance is invoiced",
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "Subscription" },
);
export type SubscriptionView = Static<typeof SubscriptionSchema>;
