// HTTP routes of governance: the catalog's approval policy
// (/v1/catalog/approval-policy).

import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { getApprovalPolicy, updateApprovalPolicy } from "./approval-policy.ts";
import { ApprovalPolicySchema, UpdateApprovalPolicyBody } from "./governance-schemas.ts";

export function registerGovernanceRoutes(app: FairbillApp): void {
  const catalogTags = ["Catalog"];

  app.get(
    "/catalog/approval-policy",
    {
      config: { permission: "catalog:read" },
      schema: {
        tags: catalogTags,
        summary: "Read whether publishing a plan version needs another key holder's approval here",
        response: { 200: ApprovalPolicySchema, ...standardErrorResponses },
      },
    },
    async (request) => getApprovalPolicy(request.context),
  );

  app.patch(
    "/catalog/approval-policy",
    {
      config: { permission: "catalog:approve" },
      schema: {
        tags: catalogTags,
        summary: "Change whether publishing a plan version needs another key holder's approval",
        body: UpdateApprovalPolicyBody,
        response: { 200: ApprovalPolicySchema, ...standardErrorResponses },
      },
    },
    async (request) => {
      const { reason, ...change } = request.body;
      return updateApprovalPolicy(withReason(request.context, reason), change);
    },
  );
}
