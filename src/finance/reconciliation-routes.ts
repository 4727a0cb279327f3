// HTTP route of the reconciliation of a month.
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { reconcilePeriod } from "./reconciliation.ts";
import { ReconciliationQuery, ReconciliationSchema } from "./reconciliation-schemas.ts";

export function registerReconciliationRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Reconciliation"], read: "finance:read" });

  routes.read(
    "GET /reconciliation",
    {
      operationId: "reconcilePeriod",
      summary:
        "Reconcile a month: usage from events to invoices (each difference with its cause and amount), invoices against payments and receivables, revenue leakage per 1,000 events",
      query: ReconciliationQuery,
      response: ReconciliationSchema,
    },
    ({ context, query }) =>
      reconcilePeriod(context.database, context, query.period, {
        now: context.clock.now(),
        path: "query.period",
      }),
  );
}
