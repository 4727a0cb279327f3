// Revenue recognition use cases: each line's schedule, the monthly report,
// the journal of a month, and journal exports (what was handed to the
// general ledger, kept as it was handed over).
import type { Selectable } from "kysely";
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import type { BillingEntityRecord } from "../billing-entities/index.ts";
import { currencyFor, formatAmount, sumDecimals } from "../core/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { validationFailed } from "../platform/errors.ts";
import { type AccountingPeriod, parsePeriod, periodsFrom } from "./accounting-periods.ts";
import { booksFor } from "./entity-books.ts";
import { rateBookIn, reportingRateBook } from "./exchange-rates.ts";
import { readFinanceSettings } from "./finance-settings.ts";
import { type JournalLine, journalDigest, journalOf, journalTotals } from "./journal.ts";
import { loadBooks } from "./load-books.ts";
import { journalInReportingCurrency, revenueReportInReportingCurrency } from "./reporting-currency.ts";
import { type Recognition, type RevenueSchedule, recognizeRevenue } from "./revenue-recognition.ts";
import { type RevenueGrouping, revenueReport } from "./revenue-reports.ts";
import type {
  JournalExportView,
  RevenueReportInput,
  RevenueScheduleFilters,
  RevenueScheduleView,
} from "./revenue-schemas.ts";
import type { JournalExportTable } from "./tables.ts";

/** Every schedule and posting of the environment's books as they stand now, usage accrued at each month end. */
async function currentRecognition(context: RequestContext): Promise<Recognition> {
  return recognizeRevenue(
    await loadBooks(context.database, context, undefined, { now: context.clock.now() }),
  );
}

/** The same for one billing entity's books (entity-books.ts), with the entity. */
async function entityRecognition(context: RequestContext, billingEntityId: string, path: string) {
  const books = await loadBooks(context.database, context, undefined, { now: context.clock.now() });
  const chosen = await booksFor(context.database, context, books, billingEntityId, path);
  return { recognition: recognizeRevenue(chosen.books), entity: chosen.entity as BillingEntityRecord };
}

const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());

function presentSchedule(schedule: RevenueSchedule, now: Date): RevenueScheduleView {
  const currency = currencyFor(schedule.currency);
  const sumOf = (types: readonly string[], past: boolean) =>
    formatAmount(
      sumDecimals(
        schedule.entries
          .filter((entry) => types.includes(entry.type) && entry.at <= now.getTime() === past)
          .map((entry) => entry.amount),
      ),
      currency,
    );
  const earned = ["revenue", "reversal", "breakage"];
  return {
    invoice_id: schedule.invoiceId,
    invoice_number: schedule.invoiceNumber,
    invoice_line_id: schedule.lineId,
    credit_grant_id: schedule.grantId,
    customer_id: schedule.customerId,
    currency: schedule.currency,
    product: schedule.product,
    description: schedule.description,
    kind: schedule.kind,
    pattern: schedule.pattern,
    service_start: iso(schedule.serviceStart),
    service_end: iso(schedule.serviceEnd),
    amount: formatAmount(schedule.amount, currency),
    recognized_to_date: sumOf(earned, true),
    recognized_later: sumOf(earned, false),
    credits_applied_to_date: sumOf(["credits_applied"], true),
    entries: [...schedule.entries]
      .sort((left, right) => left.at - right.at)
      .map((entry) => ({
        type: entry.type,
        period: entry.period,
        date: entry.date,
        amount: formatAmount(entry.amount, currency),
        document_type: entry.document.type,
        document_id: entry.document.id,
        reference: entry.document.reference,
      })),
  };
}

export async function listRevenueSchedules(
  context: RequestContext,
  filters: RevenueScheduleFilters,
): Promise<{ data: RevenueScheduleView[] }> {
  if (filters.invoice_id === undefined && filters.customer_id === undefined) {
    throw validationFailed([{ path: "query.invoice_id", message: "give invoice_id or customer_id" }]);
  }
  const { schedules } = await currentRecognition(context);
  const chosen = schedules.filter(
    (schedule) =>
      (filters.invoice_id === undefined || schedule.invoiceId === filters.invoice_id) &&
      (filters.customer_id === undefined || schedule.customerId === filters.customer_id),
  );
  const now = context.clock.now();
  return { data: chosen.map((schedule) => presentSchedule(schedule, now)) };
}

const maximumReportMonths = 120;

async function periodRange(
  database: Database,
  scope: TenantScope,
  from: string,
  to: string,
): Promise<{ periods: AccountingPeriod[]; timeZone: string }> {
  const { timeZone } = await readFinanceSettings(database, scope);
  const first = parsePeriod(from, timeZone, "query.from");
  const last = parsePeriod(to, timeZone, "query.to");
  if (last.start < first.start)
    throw validationFailed([{ path: "query.to", message: "must not be before from" }]);
  const periods = periodsFrom(first, last);
  if (periods.length > maximumReportMonths) {
    throw validationFailed([
      { path: "query.to", message: `must be at most ${maximumReportMonths} months after from` },
    ]);
  }
  return { periods, timeZone };
}

export async function revenueReportFor(context: RequestContext, input: RevenueReportInput) {
  const { periods, timeZone } = await periodRange(context.database, context, input.from, input.to);
  const grouping: RevenueGrouping = input.group_by ?? "none";
  const { postings } = await currentRecognition(context);
  const rows = revenueReport(postings, periods, grouping);
  const book = await reportingRateBook(context.database, context);
  return {
    from: input.from,
    to: input.to,
    timezone: timeZone,
    group_by: grouping,
    rows,
    ...(book === null ? {} : { reporting: revenueReportInReportingCurrency(rows, book) }),
  };
}

export type Journal = {
  period: string;
  timezone: string;
  balanced: boolean;
  totals: ReturnType<typeof journalTotals>;
  digest: string;
  lines: JournalLine[];
};

/** The journal of a month as the books stand now. */
export async function journalFor(context: RequestContext, period: AccountingPeriod): Promise<Journal> {
  const settings = await readFinanceSettings(context.database, context);
  const { postings } = await currentRecognition(context);
  return journalFrom(journalOf(postings, settings.accounts, period), period);
}

function journalFrom(lines: JournalLine[], period: AccountingPeriod): Journal {
  const totals = journalTotals(lines);
  return {
    period: period.key,
    timezone: period.timeZone,
    balanced: totals.every((total) => total.debit === total.credit),
    totals,
    digest: journalDigest(lines),
    lines,
  };
}

/**
 * The journal lines dated from `fromDay` (from the start when null) to before
 * `toDay` (days as YYYY-MM-DD in the accounting time zone), as the books
 * stand now: what a warehouse export copies, one window after another.
 */
export async function journalLinesOfDays(
  context: RequestContext,
  fromDay: string | null,
  toDay: string,
): Promise<JournalLine[]> {
  const settings = await readFinanceSettings(context.database, context);
  const { postings } = await currentRecognition(context);
  const inWindow = (date: string) => (fromDay === null || date >= fromDay) && date < toDay;
  const periods = new Set(
    postings.filter((posting) => inWindow(posting.date)).map((posting) => posting.period),
  );
  return [...periods]
    .sort()
    .flatMap((key) => journalOf(postings, settings.accounts, parsePeriod(key, settings.timeZone, "$.period")))
    .filter((line) => inWindow(line.date));
}

export async function getJournal(
  context: RequestContext,
  periodText: string,
  path: string,
): Promise<Journal> {
  const { timeZone } = await readFinanceSettings(context.database, context);
  return journalFor(context, parsePeriod(periodText, timeZone, path));
}

type JournalQuery = { period: string; billing_entity?: string | undefined };

/** The month's journal, of every billing entity or of the one the query names (its documents' entries only). */
export async function journalForQuery(
  context: RequestContext,
  query: JournalQuery,
): Promise<Journal & { entity: BillingEntityRecord | null }> {
  if (query.billing_entity === undefined) {
    return { ...(await getJournal(context, query.period, "query.period")), entity: null };
  }
  const settings = await readFinanceSettings(context.database, context);
  const period = parsePeriod(query.period, settings.timeZone, "query.period");
  const { recognition, entity } = await entityRecognition(
    context,
    query.billing_entity,
    "query.billing_entity",
  );
  return { ...journalFrom(journalOf(recognition.postings, settings.accounts, period), period), entity };
}

/**
 * The month's journal as GET /v1/journal shows it: also in the reporting
 * currency when one is set; one billing entity's also in its own currency.
 */
export async function getJournalWithReporting(context: RequestContext, query: JournalQuery) {
  const { entity, ...journal } = await journalForQuery(context, query);
  const book = await reportingRateBook(context.database, context);
  return {
    ...journal,
    ...(entity === null
      ? {}
      : {
          billing_entity_id: entity.id,
          entity_currency: journalInReportingCurrency(
            journal.lines,
            await rateBookIn(context.database, context, entity.defaultCurrency),
          ),
        }),
    ...(book === null ? {} : { reporting: journalInReportingCurrency(journal.lines, book) }),
  };
}

type JournalExportRow = Selectable<JournalExportTable>;

function presentExport(row: JournalExportRow, currentDigest: string | undefined): JournalExportView {
  return {
    id: row.id,
    period: row.period,
    timezone: row.timezone,
    entry_count: row.entry_count,
    totals: row.totals,
    digest: row.digest,
    up_to_date: currentDigest === undefined ? false : currentDigest === row.digest,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
  };
}

/** Hands the month's journal over: kept as generated, with its digest. */
export async function createJournalExport(context: RequestContext, periodText: string) {
  const journal = await getJournal(context, periodText, "$.period");
  const now = context.clock.now();
  const period = parsePeriod(periodText, journal.timezone, "$.period");
  return context.database.transaction().execute(async (transaction) => {
    const row = await insertTenantRow(transaction, context, "finance_journal_exports", "journalExport", now, {
      period: period.key,
      starts_at: new Date(period.start),
      ends_at: new Date(period.end),
      timezone: period.timeZone,
      entry_count: journal.lines.length,
      totals: JSON.stringify(journal.totals),
      digest: journal.digest,
      entries: JSON.stringify(journal.lines),
      created_by: describeActor(context.actor).id,
      created_at: now,
    });
    await recordAuditEvent(transaction, context, {
      action: "journal_export.created",
      objectType: "journal_export",
      objectId: row.id,
      before: null,
      after: { period: row.period, entry_count: row.entry_count, totals: journal.totals, digest: row.digest },
    });
    return { ...presentExport(row, journal.digest), lines: journal.lines };
  });
}

async function findExport(context: RequestContext, id: string): Promise<JournalExportRow> {
  return findInTenant(context.database, context, "finance_journal_exports", id, "journal export");
}

async function digestsByPeriod(context: RequestContext, rows: readonly JournalExportRow[]) {
  const digests = new Map<string, string>();
  if (rows.length === 0) return digests;
  const settings = await readFinanceSettings(context.database, context);
  const { postings } = await currentRecognition(context);
  for (const row of rows) {
    if (digests.has(row.period)) continue;
    const period = parsePeriod(row.period, row.timezone, "$.period");
    digests.set(row.period, journalDigest(journalOf(postings, settings.accounts, period)));
  }
  return digests;
}

export async function getJournalExport(context: RequestContext, id: string) {
  const row = await findExport(context, id);
  const digests = await digestsByPeriod(context, [row]);
  return { ...presentExport(row, digests.get(row.period)), lines: row.entries as JournalLine[] };
}

export async function journalExportLines(context: RequestContext, id: string): Promise<JournalLine[]> {
  return (await findExport(context, id)).entries as JournalLine[];
}

export async function listJournalExports(context: RequestContext, period: string | undefined) {
  let query = selectInTenant(context.database, context, "finance_journal_exports");
  if (period !== undefined) query = query.where("period", "=", period);
  const rows = await query.orderBy("id", "desc").limit(100).execute();
  const digests = await digestsByPeriod(context, rows);
  return { data: rows.map((row) => presentExport(row, digests.get(row.period))) };
}
