// HTTP route for usage queries: /v1/usage.
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { queryUsage } from "./usage-query.ts";
import { UsageQuery, UsageReportSchema } from "./usage-schemas.ts";

export function registerUsageRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Usage"], read: "events:read" });

  routes.read(
    "GET /usage",
    {
      operationId: "queryUsage",
      summary: "A customer's usage of a meter over a range, in windows of the customer's time zone",
      description:
        "Each window's value is the meter's aggregation over the window (a decimal string); weighted_sum " +
        "gives the time-weighted level. Answered from hourly rollups, so its cost does not grow with the " +
        "number of events. Usage is found by the customer's external id, so events sent before the " +
        "customer was created count too.",
      query: UsageQuery,
      response: UsageReportSchema,
    },
    ({ context, query }) => queryUsage(context, query),
  );
}
