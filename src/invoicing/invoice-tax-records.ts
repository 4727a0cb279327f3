// A finalized invoice recorded with the environment's tax engine (Stripe Tax,
// AvaTax), so the seller's tax filings hold it: invoicing hears its own
// invoice.finalized and hands the invoice's figures to taxes, which calls the
// engine after the commit. A voided invoice's record is reversed by
// voidInvoice (invoices.ts) in the void's own transaction.
import { amountBeforeTax, Decimal } from "../core/index.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { subscribe } from "../platform/events/domain-events.ts";
import { queueTaxRecording, type TaxableInvoice, usesTaxEngine } from "../taxes/index.ts";
import { type InvoiceLineRow, type InvoiceRow, invoiceLineRows } from "./invoice-store.ts";
import { InvoiceFinalized } from "./invoicing-events.ts";

export const recordFinalizedInvoiceTax = subscribe(
  InvoiceFinalized,
  "invoicing.record_invoice_tax",
  async (context, event) => {
    if (!(await usesTaxEngine(context.database, context))) return;
    const invoice = await selectInTenant(context.database, context, "invoices")
      .where("id", "=", event.data.invoice_id)
      .executeTakeFirst();
    if (invoice === undefined || invoice.number === null || invoice.status === "void") return;
    const lines = await invoiceLineRows(context.database, invoice.id);
    await queueTaxRecording(context.database, context, taxableInvoiceOf(invoice, lines));
  },
);

function taxableInvoiceOf(invoice: InvoiceRow, lines: readonly InvoiceLineRow[]): TaxableInvoice {
  const beforeTax = amountBeforeTax({ total: new Decimal(invoice.total), tax: new Decimal(invoice.tax) });
  const inclusive = invoice.tax_details?.inclusive ?? false;
  return {
    id: invoice.id,
    number: invoice.number ?? invoice.id,
    currency: invoice.currency,
    issuedAt: invoice.issued_at.toISOString(),
    sellerAddress: invoice.seller?.address ?? null,
    customer: {
      id: invoice.customer_id,
      name: invoice.buyer?.name ?? invoice.customer_id,
      address: invoice.buyer?.address ?? null,
      taxIds: invoice.buyer?.tax_ids ?? [],
    },
    // Prices that hold the tax are recorded as the invoice's amount before tax, on one line.
    lines: inclusive
      ? [
          {
            reference: `invoice-${invoice.number}`,
            description: `Invoice ${invoice.number}`,
            amount: beforeTax.toFixed(),
          },
        ]
      : lines.map((line) => ({
          reference: line.charge_id ?? line.kind,
          description: line.description,
          amount: line.amount,
        })),
    taxableAmount: beforeTax.toFixed(),
    taxTotal: invoice.tax,
  };
}
