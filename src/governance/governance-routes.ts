// HTTP routes of governance: the catalog's approval policy
// (/v1/catalog/approval-policy) and the changes that wait for another
// person's approval (/v1/approval-requests).
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  approveApprovalPolicyChange,
  getApprovalPolicy,
  rejectApprovalPolicyChange,
  updateApprovalPolicy,
} from "./approval-policy.ts";
import {
  approveApprovalRequest,
  getApprovalRequest,
  listApprovalRequests,
  rejectApprovalRequest,
} from "./approval-requests.ts";
import {
  ApprovalDecisionBody,
  ApprovalPolicySchema,
  ApprovalRequestListQuery,
  ApprovalRequestSchema,
  UpdateApprovalPolicyBody,
} from "./governance-schemas.ts";

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

  routes.writeById(
    "POST /catalog/approval-policy/changes/:id/approve",
    {
      operationId: "approveApprovalPolicyChange",
      summary: "Approve another admin's pending loosening of the approval policy, which applies it",
      response: ApprovalPolicySchema,
    },
    approveApprovalPolicyChange,
  );

  routes.writeById(
    "POST /catalog/approval-policy/changes/:id/reject",
    {
      operationId: "rejectApprovalPolicyChange",
      summary: "Reject (or, as its author, withdraw) a pending change to the approval policy",
      response: ApprovalPolicySchema,
    },
    rejectApprovalPolicyChange,
  );

  registerApprovalRequestRoutes(app);
}

function registerApprovalRequestRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Approvals"], read: "catalog:read", write: "catalog:approve" });

  routes.list(
    "GET /approval-requests",
    {
      operationId: "listApprovalRequests",
      summary:
        "List changes refused until another person approves them (credit grants, coupons, price overrides, plan migrations, rollouts), newest first",
      filters: ApprovalRequestListQuery,
      item: ApprovalRequestSchema,
    },
    ({ context }, filters, page) => listApprovalRequests(context, filters, page),
  );

  routes.readById(
    "GET /approval-requests/:id",
    {
      operationId: "getApprovalRequest",
      summary: "Read a change that waits for (or had) another person's approval",
      response: ApprovalRequestSchema,
    },
    getApprovalRequest,
  );

  routes.writeById(
    "POST /approval-requests/:id/approve",
    {
      operationId: "approveApprovalRequest",
      summary:
        "Approve another person's change (never one's own, with any key or session); its author then sends the request again to make it",
      body: ApprovalDecisionBody,
      response: ApprovalRequestSchema,
    },
    (context, id, body) => approveApprovalRequest(context, id, body?.comment),
  );

  routes.writeById(
    "POST /approval-requests/:id/reject",
    {
      operationId: "rejectApprovalRequest",
      summary: "Reject (or, as its author, withdraw) a change that waits for approval",
      body: ApprovalDecisionBody,
      response: ApprovalRequestSchema,
    },
    (context, id, body) => rejectApprovalRequest(context, id, body?.comment),
  );
}
