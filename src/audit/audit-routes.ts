// HTTP routes of the audit log: its entries (/v1/audit-events) and the check
// of its hash chain.
import { PagedQuery, PageOf } from "../platform/http/pagination.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import type { CheckpointFileOption } from "./audit-checkpoints.ts";
import { listAuditEvents } from "./audit-events.ts";
import { verifyAuditChain } from "./audit-log.ts";
import { AuditChainVerificationSchema, AuditEventListQuery, AuditEventSchema } from "./audit-schemas.ts";

/** The routes, checking the chain against the checkpoints in the database and in `checkpointFile`. */
export const auditRoutes = (options: CheckpointFileOption) => (app: FairbillApp) =>
  registerAuditRoutes(app, options);

function registerAuditRoutes(app: FairbillApp, options: CheckpointFileOption): void {
  const routes = defineRoutes(app, { tags: ["Audit log"], read: "audit:read" });

  routes.read(
    "GET /audit-events",
    {
      operationId: "listAuditEvents",
      summary: "List audit entries of this environment, newest first, with the fields each changed",
      query: PagedQuery(AuditEventListQuery),
      response: PageOf(AuditEventSchema),
    },
    ({ context, query: { limit = 20, cursor, ...filters } }) =>
      listAuditEvents(context, filters, { limit, cursor }),
  );

  routes.read(
    "GET /audit-events/verify",
    {
      operationId: "verifyAuditChain",
      summary:
        "Recompute the organization's keyed audit chain, check it against its signed checkpoints, " +
        "and name every entry that was tampered with",
      response: AuditChainVerificationSchema,
    },
    async ({ context }) => {
      const verification = await verifyAuditChain(context.database, context.organizationId, options);
      return {
        ok: verification.ok,
        entries_checked: verification.entriesChecked,
        first_broken_entry: verification.ok ? null : verification.firstBrokenEntry,
        broken_entries: verification.brokenEntries,
      };
    },
  );
}
