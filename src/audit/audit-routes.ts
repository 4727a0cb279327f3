// HTTP routes of the audit log: its entries (/v1/audit-events) and the check
// of its hash chain.
import { Type } from "typebox";
import { PageOf, PageQuery } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { listAuditEvents } from "./audit-events.ts";
import { verifyAuditChain } from "./audit-log.ts";
import { AuditChainVerificationSchema, AuditEventListQuery, AuditEventSchema } from "./audit-schemas.ts";

export function registerAuditRoutes(app: FairbillApp): void {
  const auditTags = ["Audit log"];

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
}
