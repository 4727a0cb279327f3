// An invoice as the API shows it, in responses and in webhook payloads alike:
// its lines, its totals in the currency's minor unit, and what is still owed.
import {
  currencyFor,
  Decimal,
  daysOverdue,
  formatAmount,
  invoiceAmountRemaining,
  invoiceSections,
  ZERO,
} from "../core/index.ts";
import type { Database } from "../platform/database/schema.ts";
import type { InvoiceView } from "./invoice-schemas.ts";
import { type InvoiceLineRow, type InvoiceRow, invoiceLineRows } from "./invoice-store.ts";

/** What the customer still owes: amount due less payments and credit notes, never below zero. */
export function amountRemaining(row: InvoiceRow): Decimal {
  if (row.status === "void" || row.status === "draft") return ZERO;
  return invoiceAmountRemaining({
    amountDue: new Decimal(row.amount_due),
    amountPaid: new Decimal(row.amount_paid),
    amountCredited: new Decimal(row.amount_credited),
  });
}

/** Days begun past the due date at `at` while the invoice is open or partly paid with something left; else 0. */
function invoiceDaysOverdue(row: InvoiceRow, at: Date): number {
  if (row.status !== "open" && row.status !== "partially_paid") return 0;
  if (!amountRemaining(row).greaterThan(ZERO)) return 0;
  return daysOverdue(row.due_at?.getTime() ?? null, at.getTime());
}

/** A consolidated invoice's sections (the core groups and adds up); none on an invoice that bills no child. */
function sectionsOf(
  lines: readonly InvoiceLineRow[],
  currency: ReturnType<typeof currencyFor>,
): InvoiceView["sections"] {
  if (lines.every((line) => line.billed_customer_id === null)) return [];
  const names = new Map(lines.map((line) => [line.billed_customer_id, line.billed_customer_name]));
  const sections = invoiceSections(
    lines.map((line) => ({
      id: line.id,
      billedCustomerId: line.billed_customer_id,
      amount: new Decimal(line.amount),
    })),
  );
  return sections.map((section) => ({
    billed_customer:
      section.billedCustomerId === null
        ? null
        : {
            id: section.billedCustomerId,
            name: names.get(section.billedCustomerId) ?? section.billedCustomerId,
          },
    line_ids: section.lines.map((line) => line.id),
    subtotal: formatAmount(section.subtotal, currency),
  }));
}

/** The invoice as the API shows it at `at` (which says whether it is overdue). */
export function presentInvoice(row: InvoiceRow, lines: readonly InvoiceLineRow[], at: Date): InvoiceView {
  const currency = currencyFor(row.currency);
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  const days = invoiceDaysOverdue(row, at);
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    origin: row.origin,
    customer_id: row.customer_id,
    subscription_ids: row.subscription_ids,
    currency: row.currency,
    issued_at: row.issued_at.toISOString(),
    period_start: iso(row.period_start),
    period_end: iso(row.period_end),
    due_at: iso(row.due_at),
    overdue: days > 0,
    days_overdue: days,
    finalized_at: iso(row.finalized_at),
    voided_at: iso(row.voided_at),
    void_reason: row.void_reason,
    payment_dispute_lost_at: iso(row.payment_dispute_lost_at),
    lines: lines.map((line) => ({
      id: line.id,
      subscription_id: line.subscription_id,
      plan_id: line.plan_id,
      plan_version_id: line.plan_version_id,
      charge_id: line.charge_id,
      kind: line.kind,
      description: line.description,
      period_start: iso(line.period_start),
      period_end: iso(line.period_end),
      quantity: line.quantity,
      unit_amount: line.unit_amount,
      amount: formatAmount(new Decimal(line.amount), currency),
      details: line.details,
      billed_customer:
        line.billed_customer_id === null
          ? null
          : { id: line.billed_customer_id, name: line.billed_customer_name ?? line.billed_customer_id },
    })),
    sections: sectionsOf(lines, currency),
    subtotal: formatAmount(new Decimal(row.subtotal), currency),
    discount: formatAmount(new Decimal(row.discount), currency),
    discounts: row.discounts,
    credits: formatAmount(new Decimal(row.credits), currency),
    credits_applied: row.credits_applied,
    commits: row.commits === null ? null : formatAmount(new Decimal(row.commits), currency),
    commit_draws: row.commit_draws,
    allowances: row.allowances,
    tax: formatAmount(new Decimal(row.tax), currency),
    tax_details: row.tax_details,
    total: formatAmount(new Decimal(row.total), currency),
    balance_applied: formatAmount(new Decimal(row.balance_applied), currency),
    amount_due: formatAmount(new Decimal(row.amount_due), currency),
    amount_paid: formatAmount(new Decimal(row.amount_paid), currency),
    amount_credited: formatAmount(new Decimal(row.amount_credited), currency),
    amount_remaining: formatAmount(amountRemaining(row), currency),
    seller: row.seller,
    buyer: row.buyer,
    billing_entity_id: row.billing_entity_id,
    locale: row.locale,
    timezone: row.timezone,
    memo: row.memo,
    created_at: row.created_at.toISOString(),
  };
}

/** The invoice as the API shows it at `at`, its lines read with `database` (the caller's transaction). */
export async function invoiceView(database: Database, row: InvoiceRow, at: Date): Promise<InvoiceView> {
  return presentInvoice(row, await invoiceLineRows(database, row.id), at);
}
