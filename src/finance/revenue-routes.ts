// HTTP routes of revenue recognition: schedules, the monthly report, the
// journal (JSON or CSV) and journal exports; and the finance settings whose
// chart of accounts and time zone they follow.
import { sendCsvFile } from "../platform/http/file-replies.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { CsvText, IdParams, ListOf } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { contractRevenue, presentContractRevenue } from "./contract-revenue.ts";
import { ContractRevenueScheduleSchema } from "./contract-revenue-schemas.ts";
import { getFinanceSettings, updateFinanceSettings } from "./finance-settings.ts";
import { journalCsv } from "./journal.ts";
import {
  createJournalExport,
  getJournalExport,
  getJournalWithReporting,
  journalExportLines,
  journalForQuery,
  listJournalExports,
  listRevenueSchedules,
  revenueReportFor,
} from "./revenue.ts";
import {
  CreateJournalExportBody,
  JournalExportDetailSchema,
  JournalExportListQuery,
  JournalExportSchema,
  JournalQuery,
  JournalSchema,
  RevenueReportQuery,
  RevenueReportSchema,
  RevenueScheduleQuery,
  RevenueScheduleSchema,
} from "./revenue-schemas.ts";
import { FinanceSettingsSchema, UpdateFinanceSettingsBody } from "./settings-schemas.ts";

export function registerRevenueRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Revenue"], read: "finance:read", write: "finance:write" });

  routes.read(
    "GET /finance-settings",
    {
      operationId: "getFinanceSettings",
      summary: "The accounting time zone and the chart of accounts journals post to",
      response: FinanceSettingsSchema,
    },
    ({ context }) => getFinanceSettings(context),
  );

  routes.write(
    "PUT /finance-settings",
    {
      operationId: "updateFinanceSettings",
      summary: "Change the accounting time zone or the code and name of accounts",
      body: UpdateFinanceSettingsBody,
      response: FinanceSettingsSchema,
    },
    ({ context, body }) => updateFinanceSettings(context, body),
  );

  routes.read(
    "GET /revenue-schedules",
    {
      operationId: "listRevenueSchedules",
      summary: "When the revenue of an invoice's (or a customer's) lines is earned, entry by entry",
      query: RevenueScheduleQuery,
      response: ListOf(RevenueScheduleSchema),
    },
    ({ context, query }) => listRevenueSchedules(context, query),
  );

  routes.readById(
    "GET /contracts/:id/revenue-schedule",
    {
      operationId: "getContractRevenueSchedule",
      summary:
        "A contract's revenue (ASC 606): its fixed price allocated to its fees and commits by relative standalone selling price, earned month by month (fees ratably, commits as drawn down with breakage at expiry, usage beyond them as used), and its journal",
      response: ContractRevenueScheduleSchema,
    },
    async (context, id) => presentContractRevenue(await contractRevenue(context, id)),
  );

  routes.read(
    "GET /revenue-report",
    {
      operationId: "getRevenueReport",
      summary:
        "Recognized revenue, breakage and deferred and unbilled balances by month, product or customer",
      query: RevenueReportQuery,
      response: RevenueReportSchema,
    },
    ({ context, query }) => revenueReportFor(context, query),
  );

  routes.read(
    "GET /journal",
    {
      operationId: "getJournal",
      summary: "The journal of an accounting month as the books stand now (not recorded as an export)",
      query: JournalQuery,
      response: JournalSchema,
    },
    ({ context, query }) => getJournalWithReporting(context, query),
  );

  routes.read(
    "GET /journal/csv",
    {
      operationId: "getJournalCsv",
      summary:
        "The journal of an accounting month as CSV (date, account, debit, credit, currency, reference, …)",
      query: JournalQuery,
      response: CsvText,
    },
    async ({ context, query }, reply) => {
      const journal = await journalForQuery(context, query);
      return sendCsvFile(reply, `journal-${journal.period}.csv`, journalCsv(journal.lines));
    },
  );

  routes.write(
    "POST /journal-exports",
    {
      operationId: "createJournalExport",
      summary: "Export a month's journal for the general ledger: kept as generated, with its digest",
      body: CreateJournalExportBody,
      response: JournalExportDetailSchema,
      status: 201,
    },
    ({ context, body }) => createJournalExport(context, body.period),
  );

  routes.read(
    "GET /journal-exports",
    {
      operationId: "listJournalExports",
      summary:
        "Journal exports, newest first (the last 100), each saying whether its month has changed since",
      query: JournalExportListQuery,
      response: ListOf(JournalExportSchema),
    },
    ({ context, query }) => listJournalExports(context, query.period),
  );

  routes.readById(
    "GET /journal-exports/:id",
    {
      operationId: "getJournalExport",
      summary: "A journal export with its lines as they were exported",
      response: JournalExportDetailSchema,
    },
    getJournalExport,
  );

  routes.read(
    "GET /journal-exports/:id/csv",
    {
      operationId: "getJournalExportCsv",
      summary: "A journal export as CSV (date, account, debit, credit, currency, reference, …)",
      params: IdParams,
      response: CsvText,
    },
    async ({ context, params }, reply) => {
      const lines = await journalExportLines(context, params.id);
      return sendCsvFile(reply, `${params.id}.csv`, journalCsv(lines));
    },
  );
}
