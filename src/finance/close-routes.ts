// HTTP routes of the month-end close: the checklist of a month, closing
// (locking) it, and the list of closed months.
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { ListOf } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  CloseChecklistQuery,
  CloseChecklistSchema,
  LockPeriodBody,
  PeriodLockSchema,
} from "./close-schemas.ts";
import { closeChecklist, listPeriodLocks, lockPeriod } from "./month-end-close.ts";

export function registerCloseRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, {
    tags: ["Month-end close"],
    read: "finance:read",
    write: "finance:write",
  });

  routes.read(
    "GET /close-checklist",
    {
      operationId: "getCloseChecklist",
      summary:
        "What must be done before a month is closed: bill runs, drafts, reconciliation, journal export",
      query: CloseChecklistQuery,
      response: CloseChecklistSchema,
    },
    ({ context, query }) => closeChecklist(context, query.period),
  );

  routes.write(
    "POST /period-locks",
    {
      operationId: "lockPeriod",
      summary:
        "Close a month: nothing dated in it changes afterwards (no finalization, void or credit note); refused while the checklist is open",
      body: LockPeriodBody,
      response: PeriodLockSchema,
      status: 201,
    },
    ({ context, body }) => lockPeriod(withReason(context, body.reason), body),
  );

  routes.read(
    "GET /period-locks",
    {
      operationId: "listPeriodLocks",
      summary: "The closed months, oldest first",
      response: ListOf(PeriodLockSchema),
    },
    ({ context }) => listPeriodLocks(context),
  );
}
