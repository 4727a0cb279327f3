// The JSON shapes of staged rollouts on the API and in their webhook events.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import {
  NonEmptyId,
  Nullable,
  PositivePercent,
  PrefixedId,
  StringEnum,
  Timestamp,
  VersionNumber,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { SaltField } from "./experiment-schemas.ts";

const GuardrailsBody = StrictObject({
  customer_change_percent: Type.Optional(
    Nullable({
      ...PositivePercent,
      description:
        "a customer's draft moved more than this percentage against the customer's previous invoices",
    }),
  ),
  zero_or_negative: Type.Optional(
    Type.Boolean({ description: "a customer's positive invoice became zero or negative (default true)" }),
  ),
  moved_share: Type.Optional(
    Nullable(
      StrictObject({
        change_percent: PositivePercent,
        maximum_share_percent: PositivePercent,
      }),
    ),
  ),
  payment_problems_over_control_points: Type.Optional(
    Nullable({
      ...Type.String({ pattern: "^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,4})?$", examples: ["2.5"] }),
      description:
        "the cohort's failed-payment or dispute rate is above the control's by more than these percentage points",
    }),
  ),
});

const StageBody = StrictObject({
  percent: {
    ...PositivePercent,
    description: "the share of the population on the new version once the stage starts",
  },
  start: StringEnum(["now", "at", "after_previous_clean"], {
    description:
      "now (the first stage only), at a date, or once the previous stage's cohort has billed a period cleanly",
  }),
  at: Type.Optional({ ...Timestamp, description: "with start at" }),
});

export const CreateRolloutBody = BodyWithReason({
  plan_id: NonEmptyId,
  from_version: { ...VersionNumber, description: "the version whose subscribers are rolled out" },
  to_version: { ...VersionNumber, description: "a published version of the same plan" },
  stages: Type.Array(StageBody, { minItems: 1, maxItems: 10 }),
  guardrails: Type.Optional(GuardrailsBody),
  history_invoices: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 24,
      description: "previous invoices a customer's draft is compared with (3)",
    }),
  ),
  notify_email: Type.Optional(
    Nullable(
      Type.String({ format: "email", maxLength: 320, description: "billing operations, told of a rollback" }),
    ),
  ),
  salt: SaltField(
    "hashed with each customer id to choose the stages' cohorts; a new random salt when left out",
  ),
});
export type CreateRolloutInput = Static<typeof CreateRolloutBody>;

const BreachSchema = Type.Object({
  rule: Type.String(),
  customer_id: Nullable(Type.String()),
  message: Type.String(),
});

const RolloutStageSchema = Type.Object({
  id: PrefixedId("rst"),
  position: Type.Integer(),
  percent: Type.String(),
  start: StringEnum(["now", "at", "after_previous_clean"]),
  starts_at: Nullable(Timestamp),
  status: StringEnum(["pending", "watching", "clean", "breached", "skipped", "canceled"], {
    description:
      "watching: migrated, its cohort's first drafts held until the guardrails pass (clean) or break " +
      "(breached); skipped: no cohort, or its customers all left before a draft; canceled: the rollout was " +
      "canceled while it watched (its cohort went back)",
  }),
  migration_id: Nullable(Type.String()),
  rollback_migration_id: Nullable(Type.String()),
  customer_ids: Type.Array(Type.String()),
  started_at: Nullable(Timestamp),
  evaluated_at: Nullable(Timestamp),
  breaches: Type.Array(BreachSchema),
});

export const RolloutSchema = Type.Object(
  {
    id: PrefixedId("rol"),
    plan_id: Type.String(),
    from_version_id: Type.String(),
    to_version_id: Type.String(),
    guardrails: Type.Object({
      customer_change_percent: Nullable(Type.String()),
      zero_or_negative: Type.Boolean(),
      moved_share: Nullable(
        Type.Object({ change_percent: Type.String(), maximum_share_percent: Type.String() }),
      ),
      payment_problems_over_control_points: Nullable(Type.String()),
    }),
    history_invoices: Type.Integer(),
    notify_email: Nullable(Type.String()),
    status: StringEnum(["running", "completed", "rolled_back", "canceled"]),
    breaches: Type.Array(BreachSchema, { description: "why it was rolled back" }),
    stages: Type.Array(RolloutStageSchema),
    created_by: Type.String(),
    reason: Nullable(Type.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "Rollout" },
);
export type RolloutView = Static<typeof RolloutSchema>;
