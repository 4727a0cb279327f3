// HTTP route of the billing KPIs.
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { KpiQuery, KpiSchema } from "./kpi-schemas.ts";
import { computeKpis } from "./kpis.ts";

export function registerKpiRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["KPIs"], read: "finance:read" });

  routes.read(
    "GET /kpis",
    {
      operationId: "getKpis",
      summary:
        "MRR and ARR with movements, net revenue retention, DSO, billing failure rate, time to resolve disputes, leakage per 1,000 events and next month's forecast per customer",
      query: KpiQuery,
      response: KpiSchema,
    },
    ({ context, query }) => computeKpis(context.database, context, query, { now: context.clock.now() }),
  );
}
