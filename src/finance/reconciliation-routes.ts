// HTTP route of the reconciliation of a month.
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { reconcilePeriod } from "./reconciliation.ts";
import { ReconciliationQuery, ReconciliationSchema } from "./reconciliation-schemas.ts";

export function registerReconciliationRoutes(app: FairbillApp): void {
  app.get(
    "/reconciliation",
    {
      config: { permission: "finance:read" },
      schema: {
        tags: ["Reconciliation"],
        summary:
          "Reconcile a month: usage from events to invoices (each difference with its cause and amount), invoices against payments and receivables, revenue leakage per 1,000 events",
        querystring: ReconciliationQuery,
        response: { 200: ReconciliationSchema, ...standardErrorResponses },
      },
    },
    async (request) =>
      reconcilePeriod(request.context.database, request.context, request.query.period, {
        now: request.context.clock.now(),
        path: "query.period",
      }),
  );
}
