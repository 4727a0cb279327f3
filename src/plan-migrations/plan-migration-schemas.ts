// The JSON shapes of plan version migrations on the API.
import { type Static, Type } from "typebox";
import { SubscriptionChangePreviewSchema } from "../invoicing/index.ts";
import { BodyWithReason } from "../platform/http/reason.ts";
import {
  NonEmptyId,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
  VersionNumber,
} from "../platform/http/schemas.ts";

export const CreatePlanMigrationBody = BodyWithReason({
  from_version: { ...VersionNumber, description: "the version whose subscribers move" },
  to_version: { ...VersionNumber, description: "a published version of the same plan" },
  timing: StringEnum(["now", "next_period", "at"], {
    description: "now, at the end of each subscription's current period, or at `at`",
  }),
  at: Type.Optional({
    ...Timestamp,
    description: "required with timing at, left out otherwise; not in the past",
  }),
  subscription_ids: Type.Optional(
    Type.Array(NonEmptyId, {
      minItems: 1,
      maxItems: 1000,
      description: "the subscriptions to move; every subscription now on from_version when left out",
    }),
  ),
  dry_run: Type.Optional(
    Type.Boolean({ description: "true: only preview each subscription's change and invoice difference" }),
  ),
});
export type CreatePlanMigrationInput = Static<typeof CreatePlanMigrationBody>;

const MigratedSubscriptionSchema = Type.Object({
  subscription_id: Type.String(),
  customer_id: Type.String(),
  at: Timestamp,
  change_id: Nullable({ ...Type.String(), description: "null in a dry run" }),
  preview: Type.Optional({
    ...SubscriptionChangePreviewSchema,
    description:
      "the subscription's next invoice without and with the change, and the difference, as previewed " +
      "before the move (left out of listed migrations)",
  }),
});
export type MigratedSubscription = Static<typeof MigratedSubscriptionSchema>;

const CurrencyRevenueImpactSchema = Type.Object({
  currency: Type.String(),
  subscriptions: Type.Integer({
    description: "the affected subscriptions whose next invoice is in this currency",
  }),
  before_total: Type.String({ description: "the sum of their next invoices' totals without the move" }),
  after_total: Type.String({ description: "the sum of their next invoices' totals with the move" }),
  difference: Type.String({ description: "the sum of their next invoices' differences (after − before)" }),
});

const PlanMigrationSummarySchema = Type.Object(
  {
    affected_subscriptions: Type.Integer({ description: "how many subscriptions the migration moves" }),
    revenue_impact: Type.Array(CurrencyRevenueImpactSchema, {
      description:
        "per currency, from the subscriptions' previews; empty where the answer carries no previews " +
        "(listed migrations, reverts, a staged rollout's stages)",
    }),
  },
  { description: "the count affected and the revenue impact on their next invoices" },
);

export type PlanMigrationSummary = Static<typeof PlanMigrationSummarySchema>;

export const PlanMigrationSchema = Type.Object({
  id: Nullable({
    ...PrefixedId("pmg"),
    description: "null in a dry run",
  }),
  plan_id: Type.String(),
  from_version: Type.Integer(),
  to_version: Type.Integer(),
  from_version_id: Type.String(),
  to_version_id: Type.String(),
  timing: StringEnum(["now", "next_period", "at", "revert"], {
    description: "revert: this migration took back the plan changes of `reverts_migration_id`",
  }),
  at: Nullable(Timestamp),
  reverts_migration_id: Nullable(Type.String()),
  dry_run: Type.Boolean(),
  subscriptions: Type.Array(MigratedSubscriptionSchema),
  summary: PlanMigrationSummarySchema,
  created_by: Type.String(),
  reason: Nullable(Type.String()),
  created_at: Timestamp,
});
export type PlanMigration = Static<typeof PlanMigrationSchema>;
