// Stripe's finalized invoices as history: each open, paid or uncollectible
// subscription invoice becomes an old invoice (its number, issue date, the
// period its lines bill, its total and tax as Stripe stated them, a line a
// Stripe line whose charge is its price), stored as the Lago importer stores
// Lago's, so a parallel run can compare Fairbill's invoices with them.
import type Stripe from "stripe";
import { findCurrency, fromMinorUnits } from "../core/index.ts";
import type { ImportStep, OldInvoiceLine } from "./import-step-types.ts";

const finalizedStatuses = new Set(["open", "paid", "uncollectible"]);

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : value.id;
}

function lineOf(line: Stripe.InvoiceLineItem, currency: string): OldInvoiceLine {
  const price = idOf(line.pricing?.price_details?.price);
  const tax = (line.taxes ?? []).reduce((sum, entry) => sum + entry.amount, 0);
  return {
    chargeCode: price ?? "stripe_line",
    description: line.description,
    quantity: line.quantity === null ? null : String(line.quantity),
    unitPrice: line.pricing?.unit_amount_decimal
      ? fromMinorUnits(String(line.pricing.unit_amount_decimal), currency).toFixed()
      : null,
    amount: fromMinorUnits(String(line.amount), currency).toFixed(),
    tax: fromMinorUnits(String(tax), currency).toFixed(),
  };
}

/** The import step of one Stripe invoice: an old invoice, or skipped with the reason. */
export function stripeInvoiceStep(invoice: Stripe.Invoice): ImportStep {
  const source = { sourceType: "invoice", sourceId: invoice.id ?? "", record: invoice };
  const skip = (reason: string): ImportStep => ({ ...source, kind: "refusal", outcome: "skipped", reason });
  if (!finalizedStatuses.has(invoice.status ?? "draft"))
    return skip(`a ${invoice.status ?? "draft"} invoice: only finalized invoices are history`);
  const customer = idOf(invoice.customer);
  if (customer === null) return skip("an invoice without a customer");
  const currency = invoice.currency.toUpperCase();
  if (findCurrency(currency) === undefined)
    return { ...source, kind: "refusal", outcome: "refused", reason: `currency ${currency} is unknown` };
  const lines = invoice.lines.data;
  if (lines.length === 0) return skip("an invoice without lines");
  const taxes = (invoice.total_taxes ?? []).reduce((sum, entry) => sum + entry.amount, 0);
  const issued = invoice.status_transitions.finalized_at ?? invoice.created;
  return {
    ...source,
    kind: "old_invoice",
    customerSourceId: customer,
    number: invoice.number ?? invoice.id ?? "",
    issuedAt: new Date(issued * 1000).toISOString(),
    periodStart: new Date(Math.min(...lines.map((line) => line.period.start)) * 1000).toISOString(),
    periodEnd: new Date(Math.max(...lines.map((line) => line.period.end)) * 1000).toISOString(),
    currency,
    total: fromMinorUnits(String(invoice.total), currency).toFixed(),
    tax: fromMinorUnits(String(taxes), currency).toFixed(),
    lines: lines.map((line) => lineOf(line, currency)),
  };
}
