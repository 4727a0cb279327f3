// Parallel runs (shadow billing) as billing operations ask for and read them.
// A run takes the old system's invoices (CSV, old-invoices-csv.ts) and, for
// each customer and period, the invoice Fairbill would have issued at the
// period's end: invoicing's upcoming invoice with the clock just before that
// end, the bill run's own computation, storing nothing. The core matches
// the two invoices line by line and sums the run; the run and each compared
// invoice are kept, so that re-running after a mapping fix shows progress.
// Asking for one is audited; nothing is written unless the whole file checks.
import type { Selectable } from "kysely";
import { describeActor, recordAuditEvent } from "../audit/index.ts";
import {
  type Currency,
  currencyFor,
  Decimal,
  formatAmount,
  type InvoiceMatch,
  matchInvoices,
  type ShadowInvoice,
  type ShadowLine,
  shadowInvoiceOf,
  summarizeParallelRun,
} from "../core/index.ts";
import { customerReferencesByExternalIds } from "../customers/index.ts";
import { type InvoicePreview, upcomingInvoice } from "../invoicing/index.ts";
import { realTimeOf } from "../platform/clock.ts";
import type { RequestContext } from "../platform/context.ts";
import { describeProblem } from "../platform/csv-files.ts";
import { newestFirstPage, type PageRequest } from "../platform/database/list-pages.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { type FieldError, notFound, validationFailed } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { type OldInvoice, readOldInvoices } from "./old-invoices-csv.ts";
import type {
  CreateParallelRunInput,
  ParallelRun,
  ParallelRunCurrency,
  ParallelRunDifference,
  ParallelRunInvoice,
  ParallelRunInvoiceFilters,
  ParallelRunLine,
  ParallelRunPageFilters,
} from "./parallel-run-schemas.ts";
import { positionAfter, positionPage } from "./position-pages.ts";
import type { ParallelRunInvoiceTable, ParallelRunTable } from "./tables.ts";

export type ParallelRunRow = Selectable<ParallelRunTable>;
type ParallelRunInvoiceRow = Selectable<ParallelRunInvoiceTable>;

/** The bill run joins a subscription's instants of one local date into one invoice. */
const sameInvoiceWindowMilliseconds = 86_400_000;
const rowsPerInsert = 200;
const plainDecimal = /^-?[0-9]+(\.[0-9]+)?$/;

/** The invoice Fairbill would have issued at the end of the period (or on that date), or null if none. */
async function fairbillInvoiceAt(
  context: RequestContext,
  customerId: string,
  periodEnd: Date,
): Promise<InvoicePreview | null> {
  const justBefore = new Date(periodEnd.getTime() - 1);
  const preview = await upcomingInvoice(
    { ...context, clock: { now: () => justBefore, realTime: realTimeOf(context.clock) } },
    customerId,
  );
  if (preview === null) return null;
  return Date.parse(preview.issued_at) < periodEnd.getTime() + sameInvoiceWindowMilliseconds ? preview : null;
}

function decimalOrNull(value: unknown): Decimal | null {
  return typeof value === "string" && plainDecimal.test(value) ? new Decimal(value) : null;
}

function prorationFactorOf(details: Record<string, unknown>): Decimal | null {
  const proration = details.proration as { days?: unknown; full_days?: unknown } | undefined;
  if (typeof proration?.days !== "number" || typeof proration.full_days !== "number") return null;
  if (proration.full_days === 0) return null;
  return new Decimal(proration.days).dividedBy(proration.full_days);
}

function fairbillShadow(preview: InvoicePreview): ShadowInvoice {
  const lines = preview.lines.map(
    (line): ShadowLine => ({
      chargeKey: line.charge_id ?? line.kind,
      quantity: decimalOrNull(line.quantity),
      unitPrice: decimalOrNull(line.unit_amount),
      prorationFactor: prorationFactorOf(line.details),
      amount: new Decimal(line.amount),
      tax: new Decimal(0),
    }),
  );
  return shadowInvoiceOf(lines, {
    discount: new Decimal(preview.discount),
    credits: new Decimal(preview.credits),
    tax: new Decimal(preview.tax),
  });
}

function oldShadow(invoice: OldInvoice): ShadowInvoice {
  return shadowInvoiceOf(invoice.lines, {
    discount: new Decimal(0),
    credits: new Decimal(0),
    tax: new Decimal(0),
  });
}

type Compared = {
  invoice: OldInvoice;
  customerId: string;
  currency: Currency;
  fairbillIssuedAt: Date | null;
  match: InvoiceMatch;
};

function presentLines(match: InvoiceMatch, currency: Currency): ParallelRunLine[] {
  const side = (line: ShadowLine | null) =>
    line === null
      ? null
      : {
          quantity: line.quantity?.toFixed() ?? null,
          unit_price: line.unitPrice?.toFixed() ?? null,
          amount: formatAmount(line.amount, currency),
          tax: formatAmount(line.tax, currency),
        };
  return match.lines.map((line) => ({
    charge_code: line.chargeKey,
    old: side(line.old),
    fairbill: side(line.fairbill),
    difference: formatAmount(line.difference, currency),
    cause: line.cause,
  }));
}

function presentCurrency(currencyCode: string, matches: readonly InvoiceMatch[]): ParallelRunCurrency {
  const currency = currencyFor(currencyCode);
  const summary = summarizeParallelRun(matches);
  return {
    currency: currencyCode,
    invoices: summary.invoices,
    matching: summary.matching,
    matching_percent: summary.matchingPercent.toFixed(2),
    old_total: formatAmount(summary.oldTotal, currency),
    fairbill_total: formatAmount(summary.fairbillTotal, currency),
    revenue_at_stake: formatAmount(summary.revenueAtStake, currency),
    causes: summary.causes.map((entry) => ({
      cause: entry.cause,
      lines: entry.lines,
      difference: formatAmount(entry.difference, currency),
    })),
  };
}

export function presentParallelRun(row: ParallelRunRow): ParallelRun {
  const summary = row.summary as { currencies: ParallelRunCurrency[] };
  return {
    id: row.id,
    invoices: row.invoices,
    matching: row.matching,
    matching_percent: new Decimal(row.matching_percent).toFixed(2),
    currencies: summary.currencies,
    created_by: row.created_by,
    reason: row.reason,
    created_at: row.created_at.toISOString(),
  };
}

/** The file's invoices that the run compares: all, or those of the customers named. */
function chosenInvoices(
  invoices: readonly OldInvoice[],
  customerExternalIds: readonly string[] | undefined,
): { chosen: OldInvoice[]; errors: FieldError[] } {
  if (customerExternalIds === undefined) return { chosen: [...invoices], errors: [] };
  const inFile = new Set(invoices.map((invoice) => invoice.customerExternalId));
  const errors = customerExternalIds.flatMap((externalId, index) =>
    inFile.has(externalId)
      ? []
      : [{ path: `$.customer_external_ids[${index}]`, message: "has no invoice in old_invoices_csv" }],
  );
  const wanted = new Set(customerExternalIds);
  return { chosen: invoices.filter((invoice) => wanted.has(invoice.customerExternalId)), errors };
}

function fileError(problem: { row: number; column: string | null; message: string }): FieldError {
  return { path: "$.old_invoices_csv", message: describeProblem(problem) };
}

/** Every chosen invoice beside Fairbill's, or the problems of the file that stop the run. */
async function compareInvoices(context: RequestContext, input: CreateParallelRunInput): Promise<Compared[]> {
  const read = readOldInvoices(input.old_invoices_csv);
  if (read.problems.length > 0) throw validationFailed(read.problems.map(fileError));
  const { chosen, errors } = chosenInvoices(read.invoices, input.customer_external_ids);
  if (errors.length > 0) throw validationFailed(errors);
  if (chosen.length === 0)
    throw validationFailed([
      { path: "$.old_invoices_csv", message: "holds no invoice line below its header" },
    ]);
  const references = new Map(
    (
      await customerReferencesByExternalIds(
        context.database,
        context,
        chosen.map((invoice) => invoice.customerExternalId),
      )
    ).map((reference) => [reference.externalId, reference]),
  );
  const now = context.clock.now().getTime();
  const problems: FieldError[] = [];
  const compared: Compared[] = [];
  for (const invoice of chosen) {
    const customer = references.get(invoice.customerExternalId);
    if (customer === undefined) {
      problems.push(
        fileError({
          row: invoice.row,
          column: "customer_external_id",
          message: `no customer has external id "${invoice.customerExternalId}"`,
        }),
      );
      continue;
    }
    if (invoice.periodEnd.getTime() > now) {
      problems.push(
        fileError({
          row: invoice.row,
          column: "period_end",
          message: "is still to come: a parallel run compares periods that have ended",
        }),
      );
      continue;
    }
    const preview = await fairbillInvoiceAt(context, customer.id, invoice.periodEnd);
    const currencyCode = preview?.currency ?? customer.currency;
    if (currencyCode === null) {
      problems.push(
        fileError({
          row: invoice.row,
          column: "customer_external_id",
          message: `customer "${invoice.customerExternalId}" has no currency, and Fairbill would issue no invoice for the period to take one from`,
        }),
      );
      continue;
    }
    const currency = currencyFor(currencyCode);
    const match = matchInvoices(
      oldShadow(invoice),
      preview === null ? null : fairbillShadow(preview),
      currency,
    );
    const stated = invoice.statedTotal;
    if (stated !== null && !match.oldTotal.equals(stated.total)) {
      problems.push(
        fileError({
          row: stated.row,
          column: "total",
          message: `is ${stated.total.toFixed()}, and the lines of invoice ${invoice.number} with their tax add up to ${formatAmount(match.oldTotal, currency)}`,
        }),
      );
      continue;
    }
    compared.push({
      invoice,
      customerId: customer.id,
      currency,
      fairbillIssuedAt: preview === null ? null : new Date(preview.issued_at),
      match,
    });
  }
  if (problems.length > 0) throw validationFailed(problems);
  return compared;
}

/** Compares the uploaded invoices with Fairbill's, stores the run and its invoices, and returns it. */
export async function createParallelRun(
  context: RequestContext,
  input: CreateParallelRunInput,
): Promise<ParallelRun> {
  const compared = await compareInvoices(context, input);
  const byCurrency = new Map<string, InvoiceMatch[]>();
  for (const entry of compared) {
    const matches = byCurrency.get(entry.currency.code) ?? [];
    matches.push(entry.match);
    byCurrency.set(entry.currency.code, matches);
  }
  const overall = summarizeParallelRun(compared.map((entry) => entry.match));
  const currencies = [...byCurrency.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([code, matches]) => presentCurrency(code, matches));
  const now = context.clock.now();
  const id = newId("parallelRun", now);
  return context.database.transaction().execute(async (transaction) => {
    const row = await transaction
      .insertInto("parallel_runs")
      .values({
        id,
        organization_id: context.organizationId,
        environment_id: context.environmentId,
        invoices: overall.invoices,
        matching: overall.matching,
        matching_percent: overall.matchingPercent.toFixed(2),
        summary: JSON.stringify({ currencies }),
        created_by: describeActor(context.actor).id,
        reason: context.reason ?? null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const invoiceRows = compared.map((entry, position) => ({
      parallel_run_id: id,
      organization_id: context.organizationId,
      environment_id: context.environmentId,
      position,
      customer_id: entry.customerId,
      customer_external_id: entry.invoice.customerExternalId,
      old_invoice_number: entry.invoice.number,
      period_start: entry.invoice.periodStart,
      period_end: entry.invoice.periodEnd,
      currency: entry.currency.code,
      fairbill_issued_at: entry.fairbillIssuedAt,
      old_total: formatAmount(entry.match.oldTotal, entry.currency),
      fairbill_total: formatAmount(entry.match.fairbillTotal, entry.currency),
      difference: formatAmount(entry.match.difference, entry.currency),
      matches: entry.match.matches,
      lines: JSON.stringify(presentLines(entry.match, entry.currency)),
    }));
    for (let offset = 0; offset < invoiceRows.length; offset += rowsPerInsert)
      await transaction
        .insertInto("parallel_run_invoices")
        .values(invoiceRows.slice(offset, offset + rowsPerInsert))
        .execute();
    const run = presentParallelRun(row);
    await recordAuditEvent(transaction, context, {
      action: "parallel_run.created",
      objectType: "parallel_run",
      objectId: id,
      before: null,
      after: run,
    });
    return run;
  });
}

export async function getParallelRun(context: RequestContext, id: string): Promise<ParallelRun> {
  const row = await context.database
    .selectFrom("parallel_runs")
    .selectAll()
    .where(inTenant(context))
    .where("id", "=", id)
    .executeTakeFirst();
  if (row === undefined) throw notFound("parallel run", id);
  return presentParallelRun(row);
}

/** The environment's parallel runs, newest first: each run's matching share shows the progress. */
export async function listParallelRuns(
  context: RequestContext,
  page: PageRequest,
): Promise<ParallelRunRow[]> {
  return newestFirstPage(
    context.database.selectFrom("parallel_runs").selectAll().where(inTenant(context)),
    page,
  ).execute();
}

function presentInvoice(row: ParallelRunInvoiceRow): ParallelRunInvoice {
  return {
    position: row.position,
    customer_id: row.customer_id,
    customer_external_id: row.customer_external_id,
    old_invoice_number: row.old_invoice_number,
    period_start: row.period_start.toISOString(),
    period_end: row.period_end.toISOString(),
    currency: row.currency,
    fairbill_issued_at: row.fairbill_issued_at?.toISOString() ?? null,
    old_total: row.old_total,
    fairbill_total: row.fairbill_total,
    difference: row.difference,
    matches: row.matches,
    lines: row.lines as ParallelRunLine[],
  };
}

/** A page of the run's invoices in the file's order (only matching or only differing ones when asked). */
async function invoicePage(
  context: RequestContext,
  runId: string,
  query: { matches?: boolean; limit?: number | undefined; cursor?: string | undefined },
): Promise<{ rows: ParallelRunInvoiceRow[]; nextCursor: string | null }> {
  await getParallelRun(context, runId);
  const limit = query.limit ?? 100;
  const after = positionAfter(query.cursor);
  let select = context.database
    .selectFrom("parallel_run_invoices")
    .selectAll()
    .where("environment_id", "=", context.environmentId)
    .where("parallel_run_id", "=", runId)
    .orderBy("position")
    .limit(limit + 1);
  if (query.matches !== undefined) select = select.where("matches", "=", query.matches);
  if (after !== undefined) select = select.where("position", ">", after);
  const { page, nextCursor } = positionPage(await select.execute(), limit);
  return { rows: page, nextCursor };
}

/** The run's invoices side by side, line by line. */
export async function listParallelRunInvoices(
  context: RequestContext,
  runId: string,
  query: ParallelRunInvoiceFilters,
): Promise<{ data: ParallelRunInvoice[]; next_cursor: string | null }> {
  const { rows, nextCursor } = await invoicePage(context, runId, {
    ...(query.matches === undefined ? {} : { matches: query.matches === "true" }),
    limit: query.limit,
    cursor: query.cursor,
  });
  return { data: rows.map(presentInvoice), next_cursor: nextCursor };
}

/** Every line that differs, with its likely cause and amount, a page of differing invoices at a time. */
export async function listParallelRunDifferences(
  context: RequestContext,
  runId: string,
  query: ParallelRunPageFilters,
): Promise<{ data: ParallelRunDifference[]; next_cursor: string | null }> {
  const { rows, nextCursor } = await invoicePage(context, runId, {
    matches: false,
    limit: query.limit,
    cursor: query.cursor,
  });
  const data = rows.flatMap((row) =>
    presentInvoice(row).lines.flatMap((line): ParallelRunDifference[] =>
      line.cause === null
        ? []
        : [
            {
              position: row.position,
              customer_id: row.customer_id,
              customer_external_id: row.customer_external_id,
              old_invoice_number: row.old_invoice_number,
              period_start: row.period_start.toISOString(),
              period_end: row.period_end.toISOString(),
              currency: row.currency,
              charge_code: line.charge_code,
              cause: line.cause,
              old: line.old,
              fairbill: line.fairbill,
              difference: line.difference,
            },
          ],
    ),
  );
  return { data, next_cursor: nextCursor };
}
