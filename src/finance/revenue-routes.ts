// HTTP routes of revenue recognition: schedules, the monthly report, the
// journal (JSON or CSV) and journal exports; and the finance settings whose
// chart of accounts and time zone they follow.
import { Type } from "typebox";
import { standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { getFinanceSettings, updateFinanceSettings } from "./finance-settings.ts";
import { journalCsv } from "./journal.ts";
import {
  createJournalExport,
  getJournal,
  getJournalExport,
  journalExportLines,
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

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const read = { permission: "finance:read" as const };
const write = { permission: "finance:write" as const };
const csvResponse = { 200: Type.String({ description: "text/csv" }), ...standardErrorResponses };

export function registerRevenueRoutes(app: FairbillApp): void {
  const tags = ["Revenue"];

  app.get(
    "/finance-settings",
    {
      config: read,
      schema: {
        tags,
        summary: "The accounting time zone and the chart of accounts journals post to",
        response: { 200: FinanceSettingsSchema, ...standardErrorResponses },
      },
    },
    async (request) => getFinanceSettings(request.context),
  );

  app.put(
    "/finance-settings",
    {
      config: write,
      schema: {
        tags,
        summary: "Change the accounting time zone or the code and name of accounts",
        body: UpdateFinanceSettingsBody,
        response: { 200: FinanceSettingsSchema, ...standardErrorResponses },
      },
    },
    async (request) => updateFinanceSettings(request.context, request.body),
  );

  app.get(
    "/revenue-schedules",
    {
      config: read,
      schema: {
        tags,
        summary: "When the revenue of an invoice's (or a customer's) lines is earned, entry by entry",
        querystring: RevenueScheduleQuery,
        response: {
          200: Type.Object({ data: Type.Array(RevenueScheduleSchema) }),
          ...standardErrorResponses,
        },
      },
    },
    async (request) => listRevenueSchedules(request.context, request.query),
  );

  app.get(
    "/revenue-report",
    {
      config: read,
      schema: {
        tags,
        summary:
          "Recognized revenue, breakage and deferred and unbilled balances by month, product or customer",
        querystring: RevenueReportQuery,
        response: { 200: RevenueReportSchema, ...standardErrorResponses },
      },
    },
    async (request) => revenueReportFor(request.context, request.query),
  );

  app.get(
    "/journal",
    {
      config: read,
      schema: {
        tags,
        summary: "The journal of an accounting month as the books stand now (not recorded as an export)",
        querystring: JournalQuery,
        response: { 200: JournalSchema, ...standardErrorResponses },
      },
    },
    async (request) => getJournal(request.context, request.query.period, "query.period"),
  );

  app.get(
    "/journal/csv",
    {
      config: read,
      schema: {
        tags,
        summary:
          "The journal of an accounting month as CSV (date, account, debit, credit, currency, reference, …)",
        querystring: JournalQuery,
        response: csvResponse,
      },
    },
    async (request, reply) => {
      const journal = await getJournal(request.context, request.query.period, "query.period");
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="journal-${journal.period}.csv"`)
        .send(journalCsv(journal.lines));
    },
  );

  app.post(
    "/journal-exports",
    {
      config: write,
      schema: {
        tags,
        summary: "Export a month's journal for the general ledger: kept as generated, with its digest",
        body: CreateJournalExportBody,
        response: { 201: JournalExportDetailSchema, ...standardErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createJournalExport(request.context, request.body.period)),
  );

  app.get(
    "/journal-exports",
    {
      config: read,
      schema: {
        tags,
        summary:
          "Journal exports, newest first (the last 100), each saying whether its month has changed since",
        querystring: JournalExportListQuery,
        response: { 200: Type.Object({ data: Type.Array(JournalExportSchema) }), ...standardErrorResponses },
      },
    },
    async (request) => listJournalExports(request.context, request.query.period),
  );

  app.get(
    "/journal-exports/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "A journal export with its lines as they were exported",
        params: IdParams,
        response: { 200: JournalExportDetailSchema, ...standardErrorResponses },
      },
    },
    async (request) => getJournalExport(request.context, request.params.id),
  );

  app.get(
    "/journal-exports/:id/csv",
    {
      config: read,
      schema: {
        tags,
        summary: "A journal export as CSV (date, account, debit, credit, currency, reference, …)",
        params: IdParams,
        response: csvResponse,
      },
    },
    async (request, reply) => {
      const lines = await journalExportLines(request.context, request.params.id);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${request.params.id}.csv"`)
        .send(journalCsv(lines));
    },
  );
}
