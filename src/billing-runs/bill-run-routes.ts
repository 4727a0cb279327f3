// HTTP routes for the record of bill runs: /v1/bill-runs. Runs start from the
// scheduler, the CLI (`fairbill bill-run`) or the test clock.
import { Type } from "typebox";
import { decodeCursor, PageOf, PageQuery, toPage } from "../platform/http/pagination.ts";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { getBillRun, listBillRuns } from "./bill-run.ts";
import {
  BillRunDetailSchema,
  BillRunSchema,
  presentBillRun,
  presentBillRunDetail,
} from "./bill-run-schemas.ts";

export function registerBillRunRoutes(app: FairbillApp): void {
  const tags = ["Bill runs"];
  const read = { permission: "billing:read" as const };

  app.get(
    "/bill-runs",
    {
      config: read,
      schema: {
        tags,
        summary: "List bill runs, newest first",
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(BillRunSchema), ...standardErrorResponses },
      },
    },
    async (request) => {
      const { limit = 20, cursor } = request.query;
      const runs = await listBillRuns(request.context, { limit, beforeId: decodeCursor(cursor) });
      return toPage(runs, limit, presentBillRun);
    },
  );

  app.get(
    "/bill-runs/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "Read a bill run, with the customers it could not bill",
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: BillRunDetailSchema, ...standardErrorResponses },
      },
    },
    async (request) => presentBillRunDetail(await getBillRun(request.context, request.params.id)),
  );
}
