// The JSON shapes of pricing experiments on the API and in their webhook
// events: the experiment with its arms, its assignments, its per-arm metrics
// and the decisions that end it.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import {
  NonEmptyId,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
  VersionNumber,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const Weight = Type.String({
  pattern: "^(0|[1-9][0-9]{0,5})(\\.[0-9]{1,4})?$",
  examples: ["1"],
  description: "the arm's share of the hashed population, relative to the other arms' (1)",
});

const ArmBody = StrictObject({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  version: { ...VersionNumber, description: "a version of the experiment's plan" },
  weight: Type.Optional(Weight),
  customer_ids: Type.Optional(
    Type.Array(NonEmptyId, {
      maxItems: 10_000,
      description: "with assignment lists: the customers of this arm",
    }),
  ),
});

/** The optional salt hashed with each customer id to choose customers the same way every time; `description` says for what. */
export function SaltField(description: string) {
  return Type.Optional(Type.String({ minLength: 1, maxLength: 64, description }));
}

export const CreateExperimentBody = BodyWithReason({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  plan_id: NonEmptyId,
  control: { ...ArmBody, description: "the control arm: the version the population is on" },
  variants: Type.Array(
    { ...ArmBody, description: "a published version the arm's customers move to" },
    { minItems: 1, maxItems: 5 },
  ),
  assignment: StringEnum(["hash", "lists"], {
    description:
      "hash: each customer by a hash of its id with the salt (and its segment), in proportion to the arms' " +
      "weights; lists: the customers each arm names",
  }),
  segment_key: Type.Optional(
    Nullable(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description:
          "with hash: stratify by the customer's country, currency, or this metadata key (`metadata.size`)",
      }),
    ),
  ),
  audience: StringEnum(["new_signups", "existing_next_period"], {
    description:
      "new_signups: subscriptions to the control version started since the experiment began, moved at once; " +
      "existing_next_period: the control version's subscribers, moved at the end of their current period",
  }),
  starts_at: Type.Optional({ ...Timestamp, description: "now when left out" }),
  ends_at: { ...Timestamp, description: "after starts_at; no customer is assigned from then on" },
  salt: SaltField(
    "hashed with each customer id; the same salt assigns the same customers; random when left out",
  ),
});
export type CreateExperimentInput = Static<typeof CreateExperimentBody>;

const ArmSchema = Type.Object({
  id: PrefixedId("xar"),
  name: Type.String(),
  role: StringEnum(["control", "variant"]),
  version: Type.Integer(),
  version_id: Type.String(),
  weight: Type.String(),
  customer_ids: Type.Array(Type.String(), { description: "the arm's list (assignment lists)" }),
  assigned: Type.Integer({ description: "customers assigned to the arm" }),
});

export const ExperimentSchema = Type.Object(
  {
    id: PrefixedId("exp"),
    name: Type.String(),
    plan_id: Type.String(),
    salt: Type.String(),
    assignment: StringEnum(["hash", "lists"]),
    segment_key: Nullable(Type.String()),
    audience: StringEnum(["new_signups", "existing_next_period"]),
    starts_at: Timestamp,
    ends_at: Timestamp,
    status: StringEnum(["running", "promoted", "stopped"]),
    decision: Nullable(
      Type.Object({
        action: StringEnum(["promote", "stop"]),
        arm_id: Nullable(Type.String()),
        scope: Nullable(StringEnum(["cohort", "everyone"])),
        migration_ids: Type.Array(Type.String()),
      }),
    ),
    arms: Type.Array(ArmSchema),
    created_by: Type.String(),
    reason: Nullable(Type.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "Experiment" },
);
export type ExperimentView = Static<typeof ExperimentSchema>;
export type ExperimentDecision = NonNullable<ExperimentView["decision"]>;

export const ExperimentAssignmentsSchema = Type.Object(
  {
    experiment_id: Type.String(),
    newly_assigned: Type.Integer({ description: "customers this request assigned (0 on a read)" }),
    assignments: Type.Array(
      Type.Object({
        customer_id: Type.String(),
        subscription_id: Type.String(),
        arm_id: Type.String(),
        stratum: Type.String(),
        migration_id: Nullable(Type.String()),
        assigned_at: Timestamp,
      }),
    ),
  },
  { title: "ExperimentAssignments" },
);
export type ExperimentAssignmentsView = Static<typeof ExperimentAssignmentsSchema>;

const Comparison = {
  difference: Nullable(Type.Number({ description: "the arm's value minus the control's (estimate)" })),
  p_value: Nullable(Type.Number({ description: "two-sided, against the control (estimate)" })),
  significant: Nullable(Type.Boolean({ description: "at 95% confidence" })),
  required_sample_size: Nullable(
    Type.Integer({
      description: "customers each arm needs for the difference seen to be significant at 80% power",
    }),
  ),
};

const RateMetricSchema = Type.Object({
  successes: Type.Integer(),
  trials: Type.Integer(),
  rate: Type.Number(),
  lower: Type.Number({ description: "95% Wilson interval" }),
  upper: Type.Number(),
  ...Comparison,
});

const AmountMetricSchema = Type.Object({
  count: Type.Integer(),
  total: Type.String(),
  mean: Type.String(),
  lower: Type.Number({ description: "95% Student's t interval of the mean (estimate)" }),
  upper: Type.Number(),
  ...Comparison,
});

export const ExperimentMetricsSchema = Type.Object(
  {
    experiment_id: Type.String(),
    currency: Nullable(Type.String({ description: "of the amounts; null before any assignment" })),
    from: Timestamp,
    to: Timestamp,
    arms: Type.Array(
      Type.Object({
        arm_id: Type.String(),
        name: Type.String(),
        role: StringEnum(["control", "variant"]),
        customers: Type.Integer(),
        trial_to_paid: RateMetricSchema,
        churn: RateMetricSchema,
        payment_failure_rate: RateMetricSchema,
        disputes: RateMetricSchema,
        average_invoice: AmountMetricSchema,
        expansion_revenue: AmountMetricSchema,
        contraction_revenue: AmountMetricSchema,
      }),
    ),
  },
  { title: "ExperimentMetrics" },
);
export type ExperimentMetricsView = Static<typeof ExperimentMetricsSchema>;

export const PromoteExperimentBody = BodyWithReason({
  arm_id: NonEmptyId,
  scope: StringEnum(["cohort", "everyone"], {
    description:
      "cohort: the arm's customers keep the variant, the other arms' go back to the control; everyone: every " +
      "subscriber of the control version and of the other variants moves to it at its next period",
  }),
});
export type PromoteExperimentInput = Static<typeof PromoteExperimentBody>;
