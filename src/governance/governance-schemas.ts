// The JSON shapes of the governance API: the approval policy.
import { Type } from "typebox";
import { ReasonField } from "../platform/http/reason.ts";
import { Nullable, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

export const ApprovalPolicySchema = Type.Object({
  environment: StringEnum(["test", "live"]),
  publish_requires_approval: Type.Boolean({
    description: "a plan version must be submitted and approved by another key before it is published",
  }),
  is_default: Type.Boolean({ description: "no policy was set: live requires approval, test does not" }),
  updated_at: Nullable(Timestamp),
});

export const UpdateApprovalPolicyBody = StrictObject({
  publish_requires_approval: Type.Boolean(),
  reason: ReasonField,
});
