// The JSON shapes of the governance API: the approval policy, the changes to
// it that wait for a second admin, and the changes of other domains (credit
// grants, coupons, price overrides, plan migrations, rollouts) refused until
// another person approves them.
import { type Static, Type } from "typebox";
import { BodyWithReason } from "../platform/http/reason.ts";
import {
  CurrencyCode,
  NonNegativeDecimalString,
  Nullable,
  PrefixedId,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const PersonReference = Type.Object({ id: Type.String(), name: Type.String() });

const MoneyLimits = Type.Array(StrictObject({ currency: CurrencyCode, amount: NonNegativeDecimalString }), {
  maxItems: 200,
  description: "one amount per currency; a currency not listed has no limit",
});

const Percent = { ...NonNegativeDecimalString, description: "a percentage, such as 20" };

const ApprovalRequiredForSchema = StrictObject(
  {
    credit_grants_above: {
      ...MoneyLimits,
      description: "credit grants of more than this amount in a currency",
    },
    coupons_above: StrictObject({
      percent: Nullable({ ...Percent, description: "percentage coupons of more than this percent off" }),
      amounts: { ...MoneyLimits, description: "fixed coupons of more than this amount off in a currency" },
    }),
    price_overrides: StrictObject({
      discounts_above_percent: Nullable({
        ...Percent,
        description: "percentage_discount overrides of more than this percent",
      }),
      new_prices: Type.Boolean({
        description:
          "every override that replaces a charge's price (unit, package or tier prices, amount, rate)",
      }),
    }),
    plan_migrations: Type.Boolean({ description: "every plan migration" }),
    rollouts: Type.Boolean({ description: "every staged rollout" }),
    contracts: Type.Optional(Type.Boolean({ description: "every contract created (false when left out)" })),
    plan_changes: Type.Optional(
      Type.Boolean({
        description:
          "every change of a subscription's plan, the seller's and the customer's in the portal; the change is " +
          "made when another person approves it (false when left out)",
      }),
    ),
  },
  {
    title: "ApprovalRequiredFor",
    description: "the changes besides plan versions that another person must approve before they are made",
  },
);
export type ApprovalRequiredFor = Static<typeof ApprovalRequiredForSchema>;

export const ApprovalPolicyChangeSchema = Type.Object(
  {
    id: PrefixedId("apc"),
    publish_requires_approval: Type.Boolean({ description: "what the change would set" }),
    approval_required_for: ApprovalRequiredForSchema,
    state: StringEnum(["pending", "applied", "rejected"]),
    proposed_by: Nullable(PersonReference),
    decided_by: Nullable(PersonReference),
    reason: Nullable(Type.String()),
    created_at: Timestamp,
    decided_at: Nullable(Timestamp),
  },
  { title: "ApprovalPolicyChange" },
);

export const ApprovalPolicySchema = Type.Object({
  environment: StringEnum(["test", "live"]),
  publish_requires_approval: Type.Boolean({
    description: "a plan version must be submitted and approved by another person before it is published",
  }),
  approval_required_for: ApprovalRequiredForSchema,
  is_default: Type.Boolean({ description: "no policy was set: live requires approval, test does not" }),
  updated_at: Nullable(Timestamp),
  pending_change: Nullable(ApprovalPolicyChangeSchema),
});

export const UpdateApprovalPolicyBody = BodyWithReason({
  publish_requires_approval: Type.Optional(Type.Boolean()),
  approval_required_for: Type.Optional(ApprovalRequiredForSchema),
});

const approvalRequestKinds = [
  "credit_grant",
  "coupon",
  "price_override",
  "plan_migration",
  "rollout",
  "contract",
  "plan_change",
] as const;
export type ApprovalRequestKind = (typeof approvalRequestKinds)[number];
const approvalRequestStates = ["pending", "approved", "rejected", "used"] as const;

export const ApprovalRequestSchema = Type.Object(
  {
    id: PrefixedId("apq"),
    kind: StringEnum(approvalRequestKinds),
    state: StringEnum(approvalRequestStates, {
      description:
        "pending (waits for another person), approved (send the same request again to make the change; a plan_change is made on approval), rejected, or used (the change was made)",
    }),
    summary: Type.String({ description: "what the change does, in a sentence" }),
    target_id: Nullable(Type.String({ description: "the customer or plan the change is made on" })),
    request: Type.Record(Type.String(), Type.Unknown(), { description: "the request as sent" }),
    requested_by: Nullable(PersonReference),
    reason: Nullable(Type.String()),
    decided_by: Nullable(PersonReference),
    decision_comment: Nullable(Type.String()),
    decided_at: Nullable(Timestamp),
    used_for_object_id: Nullable(Type.String({ description: "the object made with the approval" })),
    used_at: Nullable(Timestamp),
    created_at: Timestamp,
  },
  { title: "ApprovalRequest" },
);
export type ApprovalRequestView = Static<typeof ApprovalRequestSchema>;

export const ApprovalRequestListQuery = Type.Object({
  state: Type.Optional(StringEnum(approvalRequestStates)),
  kind: Type.Optional(StringEnum(approvalRequestKinds)),
});

export const ApprovalDecisionBody = Type.Optional(
  StrictObject({
    comment: Type.Optional(Type.String({ maxLength: 2000, description: "why, for the author and the log" })),
  }),
);
