// The customer's statement of account, as CSV or PDF: every invoice issued,
// payment received, credit note and refund in its currency over a stretch of
// time, with the balance brought forward, the running balance and the closing
// balance; the PDF adds what is owed now by age and the seller's branding.
// The arithmetic is core's (accountStatement, ageReceivables); this reads the
// customer's documents through the invoicing and payments front doors.
// Drafts and void invoices are not owed, so they are left out.
import {
  type AccountStatement,
  type AgeingBucket,
  accountStatement,
  ageReceivables,
  currencyFor,
  Decimal,
  formatAmount,
  type StatementEntry,
} from "../core/index.ts";
import { getCustomer } from "../customers/index.ts";
import {
  type InvoiceView,
  listCreditNotes,
  listInvoices,
  renderStatementPdf,
  sellerBrandingOf,
} from "../invoicing/index.ts";
import { loadPaymentFacts } from "../payments/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { csvCell } from "../platform/csv.ts";
import { validationFailed } from "../platform/errors.ts";
import type { PortalStatementQuery } from "./portal-schemas.ts";
import { portalCustomerId } from "./portal-views.ts";

const owedStatuses = new Set(["open", "paid", "partially_paid", "uncollectible"]);

/** Every page of a cursor-paged list. */
export async function allPages<Item>(
  read: (cursor: string | undefined) => Promise<{ data: Item[]; next_cursor: string | null }>,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

async function statementEntries(
  context: RequestContext,
  customerId: string,
  currency: string,
): Promise<{ entries: StatementEntry[]; invoices: InvoiceView[] }> {
  const [invoices, creditNotes, facts] = await Promise.all([
    allPages((cursor) =>
      listInvoices(context, { customer_id: customerId, limit: 100, ...(cursor ? { cursor } : {}) }),
    ),
    allPages((cursor) =>
      listCreditNotes(context, { customer_id: customerId, limit: 100, ...(cursor ? { cursor } : {}) }),
    ),
    loadPaymentFacts(context.database, context, customerId),
  ]);
  const entries: StatementEntry[] = [];
  for (const invoice of invoices) {
    if (invoice.currency !== currency || !owedStatuses.has(invoice.status)) continue;
    entries.push({
      at: new Date(invoice.issued_at),
      kind: "invoice",
      reference: invoice.number ?? invoice.id,
      description: "Invoice",
      amount: new Decimal(invoice.total),
    });
  }
  for (const note of creditNotes) {
    if (note.currency !== currency) continue;
    entries.push({
      at: new Date(note.issued_at),
      kind: "credit_note",
      reference: note.number,
      description: `Credit note${note.invoice_number ? ` for ${note.invoice_number}` : ""}`,
      amount: new Decimal(note.total),
    });
  }
  const invoiceNumbers = new Map(invoices.map((invoice) => [invoice.id, invoice.number ?? invoice.id]));
  for (const payment of facts.payments) {
    if (payment.currency !== currency || payment.status !== "succeeded") continue;
    entries.push({
      at: new Date(payment.at),
      kind: "payment",
      reference: payment.id,
      description: `Payment of ${invoiceNumbers.get(payment.invoiceId) ?? payment.invoiceId}`,
      amount: payment.amount,
    });
  }
  for (const refund of facts.refunds) {
    if (refund.currency !== currency) continue;
    entries.push({
      at: new Date(refund.at),
      kind: "refund",
      reference: refund.id,
      description: `Refund of ${refund.paymentId}`,
      amount: refund.amount,
    });
  }
  // A dispute lost leaves the invoice paid; only what it took back from the balance changes what is owed.
  for (const chargeback of facts.chargebacks) {
    if (chargeback.currency !== currency || chargeback.closedAt === null) continue;
    if (chargeback.status !== "lost" || chargeback.fromBalance.isZero()) continue;
    entries.push({
      at: new Date(chargeback.closedAt),
      kind: "chargeback",
      reference: chargeback.reference,
      description: `Chargeback of ${chargeback.paymentId}: taken back from the balance`,
      amount: chargeback.fromBalance,
    });
  }
  return { entries, invoices: invoices.filter((invoice) => invoice.currency === currency) };
}

type PortalStatement = {
  statement: AccountStatement;
  currency: string;
  timezone: string;
  /** The customer's invoices in the statement's currency, whatever their date (what is owed now). */
  invoices: InvoiceView[];
};

export async function portalStatement(
  context: RequestContext,
  query: PortalStatementQuery,
): Promise<PortalStatement> {
  const customer = await getCustomer(context, portalCustomerId(context));
  const currency = query.currency ?? customer.currency;
  if (currency === null) {
    throw validationFailed([
      { path: "$.currency", message: "is needed: the account has no currency of its own" },
    ]);
  }
  const to = query.to === undefined ? context.clock.now() : new Date(query.to);
  if (query.from !== undefined && Date.parse(query.from) > to.getTime()) {
    throw validationFailed([{ path: "$.from", message: "must not be after $.to (now when left out)" }]);
  }
  const { entries, invoices } = await statementEntries(context, customer.id, currency);
  // Left out, the statement starts with the account's first entry.
  const first = Math.min(to.getTime(), ...entries.map((entry) => entry.at.getTime()));
  const from = query.from === undefined ? new Date(first) : new Date(query.from);
  return {
    statement: accountStatement(entries, from, to),
    currency,
    timezone: customer.timezone,
    invoices,
  };
}

const ageingLabels: Record<AgeingBucket, string> = {
  current: "Not yet due",
  "1_30": "1–30 days past due",
  "31_60": "31–60 days past due",
  "61_90": "61–90 days past due",
  over_90: "Over 90 days past due",
};

/** The seller's logo as image bytes when it is a PNG or JPEG data: URL; an address is not fetched. */
function logoBytesOf(logoUrl: string | null): Uint8Array | null {
  const match = logoUrl === null ? null : /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(logoUrl);
  return match?.[1] === undefined ? null : new Uint8Array(Buffer.from(match[1], "base64"));
}

/**
 * The statement as a PDF in the seller's branding: the same entries and
 * balances as the CSV, and what the customer owes now by days past due.
 */
export async function portalStatementPdf(
  context: RequestContext,
  query: PortalStatementQuery,
): Promise<Uint8Array> {
  const { statement, currency, timezone, invoices } = await portalStatement(context, query);
  const customer = await getCustomer(context, portalCustomerId(context));
  const seller = await sellerBrandingOf(context, customer.id);
  const money = currencyFor(currency);
  const amount = (value: Decimal) => formatAmount(value, money);
  const day = (at: Date) =>
    new Intl.DateTimeFormat(customer.locale, { timeZone: timezone, dateStyle: "medium" }).format(at);
  const now = context.clock.now();
  const [ageing] = ageReceivables(
    invoices
      .filter((invoice) => invoice.status === "open" || invoice.status === "partially_paid")
      .map((invoice) => ({
        currency,
        dueAt: invoice.due_at === null ? null : Date.parse(invoice.due_at),
        amountRemaining: new Decimal(invoice.amount_remaining),
      })),
    now.getTime(),
  );
  return renderStatementPdf({
    seller: {
      name: seller.name,
      logo: logoBytesOf(seller.logoUrl),
      primaryColor: seller.primaryColor,
      primaryTextColor: seller.primaryTextColor,
    },
    customer: {
      name: customer.name ?? customer.external_id ?? customer.id,
      lines: customer.email === null ? [] : [customer.email],
    },
    currency,
    locale: customer.locale,
    from: day(statement.from),
    to: day(statement.to),
    openingBalance: amount(statement.opening_balance),
    lines: statement.lines.map((line) => ({
      date: day(line.at),
      type: kindTitles[line.kind],
      reference: line.reference,
      description: line.description,
      debit: line.debit.isZero() ? null : amount(line.debit),
      credit: line.credit.isZero() ? null : amount(line.credit),
      balance: amount(line.balance),
    })),
    totalDebits: amount(statement.total_debits),
    totalCredits: amount(statement.total_credits),
    closingBalance: amount(statement.closing_balance),
    ageing: {
      date: day(now),
      buckets: (Object.keys(ageingLabels) as AgeingBucket[]).map((bucket) => ({
        label: ageingLabels[bucket],
        amount: amount(ageing?.buckets.find((entry) => entry.bucket === bucket)?.amount ?? new Decimal(0)),
      })),
      total: amount(ageing?.total ?? new Decimal(0)),
    },
    createdAt: now,
  });
}

const kindTitles: Record<StatementEntry["kind"], string> = {
  invoice: "Invoice",
  payment: "Payment",
  credit_note: "Credit note",
  refund: "Refund",
  chargeback: "Chargeback",
};

const kindNames: Record<StatementEntry["kind"], string> = {
  invoice: "invoice",
  payment: "payment",
  credit_note: "credit note",
  refund: "refund",
  chargeback: "chargeback",
};

/** The statement as CSV: the balance brought forward, one row per entry, the closing balance. */
export function statementCsv(statement: AccountStatement, currencyCode: string, timezone: string): string {
  const currency = currencyFor(currencyCode);
  const money = (amount: Decimal) => formatAmount(amount, currency);
  const day = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: timezone }).format(at);
  const rows = [["date", "type", "reference", "description", "debit", "credit", "balance", "currency"]];
  rows.push([
    day(statement.from),
    "",
    "",
    "Balance brought forward",
    "",
    "",
    money(statement.opening_balance),
    currencyCode,
  ]);
  for (const line of statement.lines) {
    rows.push([
      day(line.at),
      kindNames[line.kind],
      line.reference,
      line.description,
      line.debit.isZero() ? "" : money(line.debit),
      line.credit.isZero() ? "" : money(line.credit),
      money(line.balance),
      currencyCode,
    ]);
  }
  rows.push([
    day(statement.to),
    "",
    "",
    "Closing balance",
    money(statement.total_debits),
    money(statement.total_credits),
    money(statement.closing_balance),
    currencyCode,
  ]);
  return `${rows.map((row) => row.map((cell) => csvCell(cell)).join(",")).join("\r\n")}\r\n`;
}
