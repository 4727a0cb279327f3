// HTTP route of the billing KPIs.
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { KpiQuery, KpiSchema } from "./kpi-schemas.ts";
import { computeKpis } from "./kpis.ts";

export function registerKpiRoutes(app: FairbillApp): void {
  app.get(
    "/kpis",
    {
      config: { permission: "finance:read" },
      schema: {
        tags: ["KPIs"],
        summary:
          "MRR and ARR with movements, net revenue retention, DSO, billing failure rate, time to resolve disputes, leakage per 1,000 events and next month's forecast per customer",
        querystring: KpiQuery,
        response: { 200: KpiSchema, ...standardErrorResponses },
      },
    },
    async (request) =>
      computeKpis(request.context.database, request.context, request.query, {
        now: request.context.clock.now(),
      }),
  );
}
