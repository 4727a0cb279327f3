// Invoices against payments against receivables, per customer and currency.
// What a customer owes at an instant is worked out from the records (invoices
// issued by then, less payments received, plus refunds paid out, less credit
// notes, less voids), so a month rolls forward from its opening to its
// closing receivable. Each invoice's own payment state (amount paid, amount
// credited, status) is then checked against those records: any invoice that
// disagrees is a difference. A payment or refund written after the lock of
// the month it is dated in counts on the day it was written (closed-periods.ts),
// so a locked month's roll-forward reads as it did at the lock, and what is
// outstanding "now" in a locked month is what was outstanding at its lock.
import {
  currencyFor,
  type Decimal,
  formatAmount,
  type Instant,
  invoiceAmountRemaining,
  sumDecimals,
  ZERO,
} from "../core/index.ts";
import type { PaymentFacts } from "../payments/index.ts";
import type { AccountingPeriod } from "./accounting-periods.ts";
import type { BookInvoice, Books } from "./books.ts";
import { accountingInstant, readAsOf } from "./closed-periods.ts";

type Figures = {
  invoiced: Decimal;
  voided: Decimal;
  credit_notes: Decimal;
  payments: Decimal;
  refunds: Decimal;
  chargebacks: Decimal;
  opening_receivable: Decimal;
  closing_receivable: Decimal;
  outstanding_now: Decimal;
};

const figureNames = [
  "invoiced",
  "voided",
  "credit_notes",
  "payments",
  "refunds",
  "chargebacks",
  "opening_receivable",
  "closing_receivable",
  "outstanding_now",
] as const;

export type ReceivableDifference = {
  cause: "payments_differ" | "credit_notes_differ" | "status_differs";
  description: string;
  invoice_id: string;
  invoice_number: string | null;
  customer_id: string;
  currency: string;
  recorded: string;
  expected: string;
};

export type ReceivablesReconciliation = {
  source: "payments";
  totals: ({ currency: string } & Record<(typeof figureNames)[number], string>)[];
  customers: ({ customer_id: string; currency: string } & Record<(typeof figureNames)[number], string>)[];
  differences: ReceivableDifference[];
};

type InvoiceRecords = {
  invoice: BookInvoice;
  payments: { at: Instant; amount: Decimal }[];
  credits: { at: Instant; amount: Decimal }[];
};

/** What the invoice's records say is owed on it just before `at`. */
function owedBefore(records: InvoiceRecords, at: Instant): Decimal {
  const { invoice } = records;
  if (invoice.issuedAt >= at) return ZERO;
  if (invoice.voidedAt !== null && invoice.voidedAt < at) return ZERO;
  const paid = sumDecimals(records.payments.filter((entry) => entry.at < at).map((entry) => entry.amount));
  const credited = sumDecimals(records.credits.filter((entry) => entry.at < at).map((entry) => entry.amount));
  return invoiceAmountRemaining({ amountDue: invoice.amountDue, amountPaid: paid, amountCredited: credited });
}

function remainingNow(invoice: BookInvoice): Decimal {
  if (invoice.voidedAt !== null) return ZERO;
  return invoiceAmountRemaining(invoice);
}

export function reconcileReceivables(
  books: Books,
  facts: PaymentFacts,
  period: AccountingPeriod,
): ReceivablesReconciliation {
  const records = new Map<string, InvoiceRecords>(
    books.invoices.map((invoice) => [invoice.id, { invoice, payments: [], credits: [] }]),
  );
  const inPeriod = (at: Instant) => period.start <= at && at < period.end;
  const booked = (at: Instant, recordedAt: Instant) =>
    accountingInstant(books.locks, books.timeZone, at, recordedAt);
  const asOf = readAsOf(books.locks, period);
  const figures = new Map<string, Figures>();
  const figuresOf = (customerId: string, currency: string) => {
    const key = `${customerId}|${currency}`;
    let found = figures.get(key);
    if (found === undefined) {
      found = {
        invoiced: ZERO,
        voided: ZERO,
        credit_notes: ZERO,
        payments: ZERO,
        refunds: ZERO,
        chargebacks: ZERO,
        opening_receivable: ZERO,
        closing_receivable: ZERO,
        outstanding_now: ZERO,
      };
      figures.set(key, found);
    }
    return found;
  };

  for (const payment of facts.payments) {
    if (payment.status !== "succeeded") continue;
    const at = booked(payment.at, payment.recordedAt);
    records.get(payment.invoiceId)?.payments.push({ at, amount: payment.applied });
    if (inPeriod(at)) {
      const sums = figuresOf(payment.customerId, payment.currency);
      sums.payments = sums.payments.plus(payment.applied);
    }
  }
  for (const refund of facts.refunds) {
    const at = booked(refund.at, refund.recordedAt);
    records.get(refund.invoiceId)?.payments.push({ at, amount: refund.fromInvoice.negated() });
    if (inPeriod(at)) {
      const sums = figuresOf(refund.customerId, refund.currency);
      sums.refunds = sums.refunds.plus(refund.fromInvoice);
    }
  }
  // Chargebacks the provider reported: money at risk, listed beside the roll-forward (they do not move it).
  for (const chargeback of facts.chargebacks) {
    if (!inPeriod(chargeback.openedAt)) continue;
    const sums = figuresOf(chargeback.customerId, chargeback.currency);
    sums.chargebacks = sums.chargebacks.plus(chargeback.amount);
  }
  for (const note of books.creditNotes) {
    records.get(note.invoiceId)?.credits.push({ at: note.issuedAt, amount: note.appliedToInvoice });
    if (inPeriod(note.issuedAt)) {
      const sums = figuresOf(note.customerId, note.currency);
      sums.credit_notes = sums.credit_notes.plus(note.appliedToInvoice);
    }
  }

  const differences: ReceivableDifference[] = [];
  for (const entry of records.values()) {
    const { invoice } = entry;
    const sums = figuresOf(invoice.customerId, invoice.currency);
    if (inPeriod(invoice.issuedAt)) sums.invoiced = sums.invoiced.plus(invoice.amountDue);
    if (invoice.voidedAt !== null && inPeriod(invoice.voidedAt)) {
      sums.voided = sums.voided.plus(owedBefore(entry, invoice.voidedAt));
    }
    sums.opening_receivable = sums.opening_receivable.plus(owedBefore(entry, period.start));
    sums.closing_receivable = sums.closing_receivable.plus(owedBefore(entry, period.end));
    sums.outstanding_now = sums.outstanding_now.plus(
      asOf === null ? remainingNow(invoice) : owedBefore(entry, asOf + 1),
    );
    differences.push(...invoiceDifferences(entry));
  }

  const currencyTotals = new Map<string, Figures>();
  const customers: ReceivablesReconciliation["customers"] = [];
  for (const [key, sums] of [...figures].sort(([left], [right]) => left.localeCompare(right))) {
    const [customerId = "", code = ""] = key.split("|");
    if (figureNames.every((name) => sums[name].isZero())) continue;
    customers.push({ customer_id: customerId, currency: code, ...printed(sums, code) });
    const total = currencyTotals.get(code);
    currencyTotals.set(
      code,
      total === undefined
        ? { ...sums }
        : (Object.fromEntries(figureNames.map((name) => [name, total[name].plus(sums[name])])) as Figures),
    );
  }
  return {
    source: "payments",
    totals: [...currencyTotals]
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([code, sums]) => ({ currency: code, ...printed(sums, code) })),
    customers,
    differences,
  };
}

function printed(sums: Figures, code: string): Record<(typeof figureNames)[number], string> {
  const currency = currencyFor(code);
  return Object.fromEntries(figureNames.map((name) => [name, formatAmount(sums[name], currency)])) as Record<
    (typeof figureNames)[number],
    string
  >;
}

function invoiceDifferences(entry: InvoiceRecords): ReceivableDifference[] {
  const { invoice } = entry;
  const status = invoice.status;
  const currency = currencyFor(invoice.currency);
  const base = {
    invoice_id: invoice.id,
    invoice_number: invoice.number,
    customer_id: invoice.customerId,
    currency: invoice.currency,
  };
  const differences: ReceivableDifference[] = [];
  const paid = sumDecimals(entry.payments.map((payment) => payment.amount));
  if (!paid.equals(invoice.amountPaid)) {
    differences.push({
      ...base,
      cause: "payments_differ",
      description: "what the invoice says was paid is not what its payments less refunds add up to",
      recorded: formatAmount(invoice.amountPaid, currency),
      expected: formatAmount(paid, currency),
    });
  }
  const credited = sumDecimals(entry.credits.map((credit) => credit.amount));
  if (!credited.equals(invoice.amountCredited)) {
    differences.push({
      ...base,
      cause: "credit_notes_differ",
      description: "what the invoice says was credited is not what its credit notes took off it",
      recorded: formatAmount(invoice.amountCredited, currency),
      expected: formatAmount(credited, currency),
    });
  }
  const remaining = remainingNow(invoice);
  const settled = status === "paid";
  if (status !== "void" && status !== "uncollectible" && settled !== remaining.isZero()) {
    differences.push({
      ...base,
      cause: "status_differs",
      description: settled
        ? "the invoice is marked paid but something is still owed on it"
        : "nothing is owed on the invoice but it is not marked paid",
      recorded: status,
      expected: settled ? "open" : "paid",
    });
  }
  return differences;
}
