// HTTP routes of backtests (/v1/backtests): request one, follow it, read its
// invoices compared line by line or as CSV, cancel it.
import { sendCsvFile } from "../platform/http/file-replies.ts";
import { PagedQuery, PageOf } from "../platform/http/pagination.ts";
import { ReasonOnlyBody, withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { CsvText, IdParams } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import {
  BacktestInvoiceFilters,
  BacktestInvoiceSchema,
  BacktestListFilters,
  BacktestSchema,
  CreateBacktestBody,
} from "./backtest-schemas.ts";
import {
  backtestCsvText,
  cancelBacktest,
  createBacktest,
  getBacktest,
  listBacktestInvoices,
  listBacktests,
  presentBacktest,
} from "./backtests.ts";

export function registerBacktestRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Backtests"], read: "catalog:read", write: "catalog:write" });

  routes.write(
    "POST /backtests",
    {
      operationId: "createBacktest",
      summary:
        "Price a plan version (a draft too) or price overrides against invoices already billed, for a population " +
        "of customers; runs as a job (follow it with GET), never touching real invoices",
      body: CreateBacktestBody,
      response: BacktestSchema,
      status: 202,
    },
    ({ context, body }) => createBacktest(withReason(context, body.reason), body),
  );

  routes.list(
    "GET /backtests",
    {
      operationId: "listBacktests",
      summary: "List backtests, newest first",
      filters: BacktestListFilters,
      item: BacktestSchema,
    },
    ({ context }, filters, page) => listBacktests(context, filters, page),
    presentBacktest,
  );

  routes.readById(
    "GET /backtests/:id",
    {
      operationId: "getBacktest",
      summary: "Read a backtest: its progress, and once completed the revenue change, histogram and movers",
      response: BacktestSchema,
    },
    getBacktest,
  );

  routes.read(
    "GET /backtests/:id/invoices",
    {
      operationId: "listBacktestInvoices",
      summary: "The backtest's invoices by customer and date: as billed, as they would be, line by line",
      params: IdParams,
      query: PagedQuery(BacktestInvoiceFilters),
      response: PageOf(BacktestInvoiceSchema),
    },
    ({ context, params, query }) => listBacktestInvoices(context, params.id, query),
  );

  routes.read(
    "GET /backtests/:id/csv",
    {
      operationId: "getBacktestCsv",
      summary:
        "The backtest's invoices as CSV, a row per line (billed, would be, difference) and per subtotal",
      params: IdParams,
      response: CsvText,
    },
    async ({ context, params }, reply) => {
      const text = await backtestCsvText(context, params.id);
      return sendCsvFile(reply, `backtest-${params.id}.csv`, text);
    },
  );

  routes.writeById(
    "POST /backtests/:id/cancel",
    {
      operationId: "cancelBacktest",
      summary:
        "Cancel a queued or running backtest (a running one stops after its current batch of customers)",
      body: ReasonOnlyBody,
      response: BacktestSchema,
    },
    (context, id, body) => cancelBacktest(withReason(context, body.reason), id),
  );
}
