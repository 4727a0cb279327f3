// The JSON shapes of the governance API: the approval policy and the changes
// to it that wait for a second admin.
import { Type } from "typebox";
import { ReasonField } from "../platform/http/reason.ts";
import { Nullable, PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const PersonReference = Type.Object({ id: Type.String(), name: Type.String() });

export const ApprovalPolicyChangeSchema = Type.Object(
  {
    id: PrefixedId("apc"),
    publish_requires_approval: Type.Boolean({ description: "what the change would set" }),
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
  is_default: Type.Boolean({ description: "no policy was set: live requires approval, test does not" }),
  updated_at: Nullable(Timestamp),
  pending_change: Nullable(ApprovalPolicyChangeSchema),
});

export const UpdateApprovalPolicyBody = StrictObject({
  publish_requires_approval: Type.Boolean(),
  reason: ReasonField,
});
