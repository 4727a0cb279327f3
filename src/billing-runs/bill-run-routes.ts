// HTTP routes for the record of bill runs: /v1/bill-runs. Runs start from the
// scheduler, the CLI (`fairbill bill-run`) or the test clock.
import { Type } from "typebox";
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { getBillRun, listBillRuns } from "./bill-run.ts";
import {
  BillRunDetailSchema,
  BillRunSchema,
  presentBillRun,
  presentBillRunDetail,
} from "./bill-run-schemas.ts";

export function registerBillRunRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Bill runs"], read: "billing:read" });

  routes.list(
    "GET /bill-runs",
    {
      operationId: "listBillRuns",
      summary: "List bill runs, newest first",
      filters: Type.Object({
        billed: Type.Optional(
          Type.Boolean({
            description:
              "true: only runs that found customers due; false: only those that found none (a test clock " +
              "moved between billing dates, a scheduled tick with nothing due)",
          }),
        ),
      }),
      item: BillRunSchema,
    },
    // The page after the cursor's run holds the runs of smaller ids (newest first).
    ({ context }, filters, { limit, afterId }) =>
      listBillRuns(context, { limit, beforeId: afterId }, { billed: filters.billed }),
    presentBillRun,
  );

  routes.read(
    "GET /bill-runs/:id",
    {
      operationId: "getBillRun",
      summary: "Read a bill run, with the customers it could not bill",
      params: IdParams,
      response: BillRunDetailSchema,
    },
    async ({ context, params }) => presentBillRunDetail(await getBillRun(context, params.id)),
  );
}
