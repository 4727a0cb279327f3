// The webhook events of approval requests: a change refused until another
// person approves it, and that person's decision.
import { defineWebhookEvent } from "../notifications/index.ts";
import { ApprovalRequestSchema } from "./governance-schemas.ts";

export const approvalRequestCreated = defineWebhookEvent(
  "approval_request.created",
  ApprovalRequestSchema,
  "A change (credit grant, coupon, price override, plan migration, rollout, contract or plan change) was refused until another person approves it.",
);

export const approvalRequestApproved = defineWebhookEvent(
  "approval_request.approved",
  ApprovalRequestSchema,
  "Another person approved a change: sending the same request again makes it (a plan change is made on approval).",
);

export const approvalRequestRejected = defineWebhookEvent(
  "approval_request.rejected",
  ApprovalRequestSchema,
  "A change waiting for approval was rejected.",
);

export const governanceWebhookEvents = [
  approvalRequestCreated,
  approvalRequestApproved,
  approvalRequestRejected,
];
