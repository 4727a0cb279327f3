// HTTP routes of governance: the audit log (/v1/audit-events), its chain
// check, and the catalog's approval policy (/v1/catalog/approval-policy).
import { Type } from "typebox";
import { PageOf, PageQuery } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { getApprovalPolicy, updateApprovalPolicy } from "./approval-policy.ts";
import { listAuditEvents } from "./audit-events.ts";
import { verifyAuditChain } from "./audit-log.ts";
import {
  ApprovalPolicySchema,
  AuditChainVerificationSchema,
  AuditEventListQuery,
  AuditEventSchema,
  UpdateApprovalPolicyBody,
} from "./governance-schemas.ts";
import { withReason } from "./reason.ts";

export function registerGovernanceRoutes(app: FairbillApp): void {
  const auditTags = ["Audit log"];
  const catalogTags = ["Catalog"];

  app.get(
    "/audit-events",
    {
      config: { permission: "audit:read" },
      schema: {
        tags: auditTags,
        summary: "List audit entries of this environment, newest first, with the fields each changed",
        querystring: Type.Object(
          { ...AuditEventListQuery.properties, ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(AuditEventSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor, ...filters } = request.query;
      return listAuditEvents(request.context, filters, { limit, cursor });
    },
  );

  app.get(
    "/audit-events/verify",
    {
      config: { permission: "audit:read" },
      schema: {
        tags: auditTags,
        summary:
          "Recompute the organization's audit hash chain and name the first entry that was tampered with",
        response: { 200: AuditChainVerificationSchema, ...standardErrorResponses },
      },
    },
    async (request) => {
      const verification = await verifyAuditChain(request.context.database, request.context.organizationId);
      return {
        ok: verification.ok,
        entries_checked: verification.entriesChecked,
        first_broken_entry: verification.ok ? null : verification.firstBrokenEntry,
      };
    },
  );

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
