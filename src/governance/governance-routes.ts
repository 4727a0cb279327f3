// HTTP routes of governance: the catalog's approval policy
// (/v1/catalog/approval-policy).
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  approveApprovalPolicyChange,
  getApprovalPolicy,
  rejectApprovalPolicyChange,
  updateApprovalPolicy,
} from "./approval-policy.ts";
import { ApprovalPolicySchema, UpdateApprovalPolicyBody } from "./governance-schemas.ts";

export function registerGovernanceRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Catalog"], read: "catalog:read", write: "settings:manage" });

  routes.read(
    "GET /catalog/approval-policy",
    {
      operationId: "getApprovalPolicy",
      summary: "Read whether publishing a plan version needs another person's approval here",
      response: ApprovalPolicySchema,
    },
    ({ context }) => getApprovalPolicy(context),
  );

  routes.write(
    "PATCH /catalog/approval-policy",
    {
      operationId: "updateApprovalPolicy",
      summary:
        "Change whether publishing a plan version needs another person's approval (loosening it waits for a second admin)",
      body: UpdateApprovalPolicyBody,
      response: ApprovalPolicySchema,
    },
    ({ context, body: { reason, ...change } }) => updateApprovalPolicy(withReason(context, reason), change),
  );

  routes.write(
    "POST /catalog/approval-policy/changes/:id/approve",
    {
      operationId: "approveApprovalPolicyChange",
      summary: "Approve another admin's pending loosening of the approval policy, which applies it",
      params: IdParams,
      response: ApprovalPolicySchema,
    },
    ({ context, params }) => approveApprovalPolicyChange(context, params.id),
  );

  routes.write(
    "POST /catalog/approval-policy/changes/:id/reject",
    {
      operationId: "rejectApprovalPolicyChange",
      summary: "Reject (or, as its author, withdraw) a pending change to the approval policy",
      params: IdParams,
      response: ApprovalPolicySchema,
    },
    ({ context, params }) => rejectApprovalPolicyChange(context, params.id),
  );
}
