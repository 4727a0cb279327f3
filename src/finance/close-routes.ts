// HTTP routes of the month-end close: the checklist of a month, closing
// (locking) it, and the list of closed months.
import { Type } from "typebox";
import { withReason } from "../platform/http/reason.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  CloseChecklistQuery,
  CloseChecklistSchema,
  LockPeriodBody,
  PeriodLockSchema,
} from "./close-schemas.ts";
import { closeChecklist, listPeriodLocks, lockPeriod } from "./month-end-close.ts";

export function registerCloseRoutes(app: FairbillApp): void {
  const tags = ["Month-end close"];

  app.get(
    "/close-checklist",
    {
      config: { permission: "finance:read" },
      schema: {
        tags,
        summary:
          "What must be done before a month is closed: bill runs, drafts, reconciliation, journal export",
        querystring: CloseChecklistQuery,
        response: { 200: CloseChecklistSchema, ...standardErrorResponses },
      },
    },
    async (request) => closeChecklist(request.context, request.query.period),
  );

  app.post(
    "/period-locks",
    {
      config: { permission: "finance:write" },
      schema: {
        tags,
        summary:
          "Close a month: nothing dated in it changes afterwards (no finalization, void or credit note); refused while the checklist is open",
        body: LockPeriodBody,
        response: { 201: PeriodLockSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await lockPeriod(withReason(request.context, request.body.reason), request.body)),
  );

  app.get(
    "/period-locks",
    {
      config: { permission: "finance:read" },
      schema: {
        tags,
        summary: "The closed months, oldest first",
        response: { 200: Type.Object({ data: Type.Array(PeriodLockSchema) }), ...standardErrorResponses },
      },
    },
    async (request) => listPeriodLocks(request.context),
  );
}
