// The comparison of a parallel run: the old system's invoices (CSV,
// old-invoices-csv.ts) checked against Fairbill's customers, and for each
// customer and period the invoice Fairbill would have issued at the period's
// end (invoicing's upcoming invoice with the clock just before that end, the
// bill run's own computation, storing nothing) matched line by line by the
// core. Checking the file is cheap and answers the request; comparing is the
// job's work (parallel-run-work.ts).
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
import { type CustomerReference, customerReferencesByExternalIds } from "../customers/index.ts";
import { type InvoicePreview, upcomingInvoice } from "../invoicing/index.ts";
import { realTimeOf } from "../platform/clock.ts";
import type { RequestContext } from "../platform/context.ts";
import { describeProblem } from "../platform/csv-files.ts";
import { type FieldError, validationFailed } from "../platform/errors.ts";
import { type OldInvoice, readOldInvoices } from "./old-invoices-csv.ts";
import type { ParallelRunCurrency, ParallelRunLine } from "./parallel-run-schemas.ts";

/** The bill run joins a subscription's instants of one local date into one invoice. */
const sameInvoiceWindowMilliseconds = 86_400_000;
const plainDecimal = /^-?[0-9]+(\.[0-9]+)?$/;

/** An old invoice of the file with the Fairbill customer it is of. */
export type CheckedInvoice = { invoice: OldInvoice; customer: CustomerReference };

export type ComparedInvoice = {
  invoice: OldInvoice;
  customerId: string;
  currency: Currency;
  fairbillIssuedAt: Date | null;
  match: InvoiceMatch;
};

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

export function presentLines(match: InvoiceMatch, currency: Currency): ParallelRunLine[] {
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

export function presentCurrency(currencyCode: string, matches: readonly InvoiceMatch[]): ParallelRunCurrency {
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

/** The file's invoices that the run compares: all, or those of the customers named. */
function chosenInvoices(
  invoices: readonly OldInvoice[],
  customerExternalIds: readonly string[] | null,
): { chosen: OldInvoice[]; errors: FieldError[] } {
  if (customerExternalIds === null) return { chosen: [...invoices], errors: [] };
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

/**
 * The file's chosen invoices, each with its customer, or the problems that
 * stop the run (400, naming the row and column): a bad file, a customer
 * Fairbill does not have, a period still to come.
 */
export async function checkOldInvoices(
  context: RequestContext,
  input: { oldInvoicesCsv: string; customerExternalIds: readonly string[] | null },
): Promise<CheckedInvoice[]> {
  const read = readOldInvoices(input.oldInvoicesCsv);
  if (read.problems.length > 0) throw validationFailed(read.problems.map(fileError));
  const { chosen, errors } = chosenInvoices(read.invoices, input.customerExternalIds);
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
  const checked: CheckedInvoice[] = [];
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
    } else if (invoice.periodEnd.getTime() > now) {
      problems.push(
        fileError({
          row: invoice.row,
          column: "period_end",
          message: "is still to come: a parallel run compares periods that have ended",
        }),
      );
    } else {
      // A customer's currency is known before Fairbill's invoice is: the stated total is checked now.
      const totalProblem =
        customer.currency === null ? null : statedTotalProblem(invoice, currencyFor(customer.currency));
      if (totalProblem === null) checked.push({ invoice, customer });
      else problems.push(totalProblem);
    }
  }
  if (problems.length > 0) throw validationFailed(problems);
  return checked;
}

/** The problem of an invoice whose stated total its lines with their tax do not add up to, or null. */
function statedTotalProblem(invoice: OldInvoice, currency: Currency): FieldError | null {
  const stated = invoice.statedTotal;
  if (stated === null) return null;
  const oldTotal = matchInvoices(oldShadow(invoice), null, currency).oldTotal;
  if (oldTotal.equals(stated.total)) return null;
  return fileError({
    row: stated.row,
    column: "total",
    message: `is ${stated.total.toFixed()}, and the lines of invoice ${invoice.number} with their tax add up to ${formatAmount(oldTotal, currency)}`,
  });
}

/**
 * One old invoice beside Fairbill's, or the problem that stops the run: a
 * customer without a currency to compare in, or a stated total its lines do
 * not add up to.
 */
export async function compareInvoice(
  context: RequestContext,
  { invoice, customer }: CheckedInvoice,
): Promise<ComparedInvoice | FieldError> {
  const preview = await fairbillInvoiceAt(context, customer.id, invoice.periodEnd);
  const currencyCode = preview?.currency ?? customer.currency;
  if (currencyCode === null) {
    return fileError({
      row: invoice.row,
      column: "customer_external_id",
      message: `customer "${invoice.customerExternalId}" has no currency, and Fairbill would issue no invoice for the period to take one from`,
    });
  }
  const currency = currencyFor(currencyCode);
  const totalProblem = statedTotalProblem(invoice, currency);
  if (totalProblem !== null) return totalProblem;
  const match = matchInvoices(
    oldShadow(invoice),
    preview === null ? null : fairbillShadow(preview),
    currency,
  );
  return {
    invoice,
    customerId: customer.id,
    currency,
    fairbillIssuedAt: preview === null ? null : new Date(preview.issued_at),
    match,
  };
}
