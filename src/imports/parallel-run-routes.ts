// HTTP routes of parallel runs (/v1/parallel-runs): ask for one over the old
// system's invoices (answered queued; a job compares them), list the runs to
// follow the progress between them, read one with its progress and summary,
// its invoices side by side, its differences with their causes, and accept a
// difference as a second person.

import { Type } from "typebox";
import { PageOf } from "../platform/http/pagination.ts";
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { IdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { acceptDifference, listParallelRunDifferences } from "./parallel-run-differences.ts";
import {
  AcceptDifferenceBody,
  CreateParallelRunBody,
  DifferenceParams,
  ParallelRunDifferenceSchema,
  ParallelRunInvoiceQuery,
  ParallelRunInvoiceSchema,
  ParallelRunPageQuery,
  ParallelRunSchema,
} from "./parallel-run-schemas.ts";
import {
  createParallelRun,
  getParallelRun,
  listParallelRunInvoices,
  listParallelRuns,
  presentParallelRun,
} from "./parallel-runs.ts";

export function registerParallelRunRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Imports"], read: "billing:read", write: "billing:write" });

  routes.write(
    "POST /parallel-runs",
    {
      operationId: "createParallelRun",
      summary:
        "Compare the old system's invoices (CSV) with those Fairbill would have issued for the same customers and periods, " +
        "issuing nothing: lines matched by charge, each difference with its likely cause, the share matching to the cent. " +
        "The file is checked at once; the run is queued and a job compares it, a customer at a time (read the run for its progress)",
      body: CreateParallelRunBody,
      response: ParallelRunSchema,
      status: 202,
    },
    ({ context, body }) => createParallelRun(withReason(context, body.reason), body),
  );

  routes.list(
    "GET /parallel-runs",
    {
      operationId: "listParallelRuns",
      summary: "List parallel runs, newest first: their matching shares show the progress between runs",
      filters: Type.Object({}),
      item: ParallelRunSchema,
    },
    ({ context }, _filters, page) => listParallelRuns(context, page),
    presentParallelRun,
  );

  routes.readById(
    "GET /parallel-runs/:id",
    {
      operationId: "getParallelRun",
      summary:
        "Read a parallel run: per currency the totals, the share of invoices matching to the cent, the revenue at stake and the differences by cause",
      response: ParallelRunSchema,
    },
    getParallelRun,
  );

  routes.read(
    "GET /parallel-runs/:id/invoices",
    {
      operationId: "listParallelRunInvoices",
      summary: "The run's invoices, the old system's beside Fairbill's, line by line",
      params: IdParams,
      query: ParallelRunInvoiceQuery,
      response: PageOf(ParallelRunInvoiceSchema),
    },
    ({ context, params, query }) => listParallelRunInvoices(context, params.id, query),
  );

  routes.read(
    "GET /parallel-runs/:id/differences",
    {
      operationId: "listParallelRunDifferences",
      summary:
        "Every line that differs, with its likely cause (price, quantity, proration, tax, rounding, a charge only one side has) and amount",
      params: IdParams,
      query: ParallelRunPageQuery,
      response: PageOf(ParallelRunDifferenceSchema),
    },
    ({ context, params, query }) => listParallelRunDifferences(context, params.id, query),
  );

  routes.write(
    "POST /parallel-runs/:id/differences/:difference/accept",
    {
      operationId: "acceptParallelRunDifference",
      summary:
        "Accept a difference of a completed run with a reason, as a person other than the one who asked for the run; " +
        "the cut-over checklist counts a run whose every difference is accepted as matching",
      params: DifferenceParams,
      body: AcceptDifferenceBody,
      response: ParallelRunDifferenceSchema,
    },
    ({ context, params, body }) => acceptDifference(context, params.id, params.difference, body.reason),
  );
}
