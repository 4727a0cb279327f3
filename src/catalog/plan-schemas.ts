// The JSON shapes of plans, plan versions and their review on the API.

import { type Static, Type } from "typebox";
import { PersonSchema } from "../audit/index.ts";
import { BodyWithReason, ReasonField } from "../platform/http/reason.ts";
import {
  DateTimeString,
  Nullable,
  ObjectId,
  PrefixedId,
  StringEnum,
  Timestamp,
  VersionNumber,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { newCatalogEntryFields, UpdateCatalogEntryBody } from "./catalog-entries.ts";
import {
  newPlanVersionContentFields,
  PlanVersionContentSchema,
  planVersionContentChangeFields,
} from "./plan-version-content.ts";

const Comment = Type.String({ minLength: 1, maxLength: 5000 });

export const planVersionStates = ["draft", "pending_approval", "published", "retired"] as const;
const planVersionStatuses = [
  "draft",
  "pending_approval",
  "scheduled",
  "active",
  "superseded",
  "retired",
] as const;
export type PlanVersionStatus = (typeof planVersionStatuses)[number];

export const PlanVersionParams = Type.Object({ id: ObjectId, version: VersionNumber });
export const PlanVersionDiffParams = Type.Object({
  id: ObjectId,
  version: VersionNumber,
  other_version: VersionNumber,
});

export const CreatePlanBody = BodyWithReason({
  ...newCatalogEntryFields,
  version: StrictObject(newPlanVersionContentFields, {
    description: "the content of version 1, created as a draft",
  }),
});
export type CreatePlanInput = Static<typeof CreatePlanBody>;

export const UpdatePlanBody = UpdateCatalogEntryBody;
export type UpdatePlanInput = Static<typeof UpdatePlanBody>;

const VersionSummarySchema = Type.Object({
  version: Type.Integer(),
  state: StringEnum(planVersionStates),
  status: StringEnum(planVersionStatuses),
  effective_from: Nullable(Timestamp),
});

export const PlanSchema = Type.Object({
  id: PrefixedId("pln"),
  code: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  versions: Type.Array(VersionSummarySchema, { description: "every version, oldest first" }),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Plan = Static<typeof PlanSchema>;

/** A version's content as the API answers it: the OpenAPI document's PlanVersionContent. */
const PlanVersionContentView = Type.Object(PlanVersionContentSchema.properties, {
  title: "PlanVersionContent",
  description:
    "what a plan version sells: billing interval, trial, minimum commitment, charges, prices in other currencies and entitlements",
});

export const PlanVersionSchema = Type.Intersect([
  Type.Object({
    id: PrefixedId("plv"),
    plan_id: Type.String(),
    plan_code: Type.String(),
    version: Type.Integer(),
    state: StringEnum(planVersionStates),
    status: StringEnum(planVersionStatuses, {
      description: "the state, with a published version told apart as scheduled, active or superseded",
    }),
  }),
  PlanVersionContentView,
  Type.Object({
    copied_from_version: Nullable(Type.Integer()),
    effective_from: Nullable(Timestamp),
    created_by: Type.String(),
    submitted_by: Nullable(Type.String()),
    submitted_at: Nullable(Timestamp),
    approved_by: Nullable(Type.String()),
    approved_at: Nullable(Timestamp),
    published_at: Nullable(Timestamp),
    retired_at: Nullable(Timestamp),
    created_at: Timestamp,
    updated_at: Timestamp,
  }),
]);
export type PlanVersion = Static<typeof PlanVersionSchema>;

export const CreatePlanVersionBody = BodyWithReason({
  from_version: Type.Optional({
    ...VersionNumber,
    description: "the version to copy; the latest when left out",
  }),
  ...planVersionContentChangeFields,
});
export type CreatePlanVersionInput = Static<typeof CreatePlanVersionBody>;

export const UpdatePlanVersionBody = StrictObject(
  { ...planVersionContentChangeFields, reason: ReasonField },
  { minProperties: 1 },
);
export type UpdatePlanVersionInput = Static<typeof UpdatePlanVersionBody>;

const EffectiveFrom = DateTimeString("when the version takes effect; now when left out, never in the past");

export const SubmitPlanVersionBody = BodyWithReason({
  comment: Type.Optional(Comment),
  effective_from: Type.Optional(EffectiveFrom),
});
export type SubmitPlanVersionInput = Static<typeof SubmitPlanVersionBody>;

export const ApprovePlanVersionBody = BodyWithReason({
  comment: Type.Optional(Comment),
  effective_from: Type.Optional({
    ...EffectiveFrom,
    description: "overrides the date asked for at submission; now when neither is given or it has passed",
  }),
});
export type ApprovePlanVersionInput = Static<typeof ApprovePlanVersionBody>;

export const PlanVersionCommentBody = StrictObject({ comment: Comment, reason: ReasonField });
export type PlanVersionCommentInput = Static<typeof PlanVersionCommentBody>;

export const PublishPlanVersionBody = BodyWithReason({
  effective_from: Type.Optional(EffectiveFrom),
  break_glass: Type.Optional(
    Type.Boolean({
      description:
        "publish without the approval the policy requires (admins only, with a reason): every admin is emailed and the audit log records plan_version.break_glass_published",
    }),
  ),
});
export type PublishPlanVersionInput = Static<typeof PublishPlanVersionBody>;

export const RollbackPlanBody = BodyWithReason({
  to_version: { ...VersionNumber, description: "the earlier version whose content the new draft copies" },
});
export type RollbackPlanInput = Static<typeof RollbackPlanBody>;

export const ApprovalStepSchema = Type.Object({
  id: PrefixedId("apr"),
  action: StringEnum(["submitted", "approved", "rejected", "commented"]),
  actor: Type.Object({
    type: Type.String({ description: "api_key or session" }),
    id: Type.String({ description: "the key or session used" }),
    role: Nullable(Type.String()),
    person: Type.Union([PersonSchema, Type.Null()], { description: "who took the step" }),
  }),
  comment: Nullable(Type.String()),
  created_at: Timestamp,
});

export const PlanVersionDiffSchema = Type.Object({
  plan_id: Type.String(),
  from_version: Type.Integer(),
  to_version: Type.Integer(),
  changes: Type.Array(
    Type.Object({
      path: Type.String({ examples: ["$.charges[1].tiers[1].unit_price"] }),
      change: StringEnum(["added", "removed", "changed"]),
      before: Type.Unknown(),
      after: Type.Unknown(),
      description: Type.String({ examples: ["charge api_calls graduated tier 2 unit price 0.002 → 0.0015"] }),
    }),
  ),
});
