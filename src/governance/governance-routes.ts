// HTTP routes of governance: the catalog's approval policy
// (/v1/catalog/approval-policy).
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { getApprovalPolicy, updateApprovalPolicy } from "./approval-policy.ts";
import { ApprovalPolicySchema, UpdateApprovalPolicyBody } from "./governance-schemas.ts";

export function registerGovernanceRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Catalog"], read: "catalog:read", write: "settings:manage" });

  routes.read(
    "GET /catalog/approval-policy",
    {
      operationId: "getApprovalPolicy",
      summary: "Read whether publishing a plan version needs another key holder's approval here",
      response: ApprovalPolicySchema,
    },
    ({ context }) => getApprovalPolicy(context),
  );

  routes.write(
    "PATCH /catalog/approval-policy",
    {
      operationId: "updateApprovalPolicy",
      summary: "Change whether publishing a plan version needs another key holder's approval",
      body: UpdateApprovalPolicyBody,
      response: ApprovalPolicySchema,
    },
    ({ context, body: { reason, ...change } }) => updateApprovalPolicy(withReason(context, reason), change),
  );
}
