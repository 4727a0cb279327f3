// The printable documents of invoices and credit notes: the view model the
// renderers take, built from what invoicing stores. A finalized invoice prints
// the seller and buyer as they were at finalization; a draft prints them as
// they are now.
import { currencyFor, Decimal, displayQuantity, formatAmount, ZERO } from "../core/index.ts";
import { type QuantityDisplayDecimals, quantityDisplayDecimals } from "../metering/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { getCreditNote } from "./credit-notes.ts";
import { loadCustomerRow } from "./customer-billing.ts";
import type { DocumentParty, InvoiceDocument } from "./documents/invoice-document.ts";
import type { InvoiceView } from "./invoice-schemas.ts";
import { getInvoice } from "./invoices.ts";
import { readInvoicingSettings } from "./invoicing-settings.ts";
import { explainLine } from "./line-explanations.ts";
import { partyOfCustomer, partyOfSeller } from "./parties.ts";
import { settingsForCustomer } from "./seller-entities.ts";
import type { PartySnapshot } from "./tables.ts";

function documentParty(party: PartySnapshot): DocumentParty {
  const address = party.address;
  return {
    name: party.name ?? "",
    email: party.email,
    address:
      address === null
        ? party.country === null
          ? null
          : { country: party.country }
        : {
            ...(address.line1 === undefined ? {} : { line1: address.line1 }),
            ...(address.line2 === undefined ? {} : { line2: address.line2 }),
            ...(address.city === undefined ? {} : { city: address.city }),
            ...(address.state === undefined ? {} : { region: address.state }),
            ...(address.postal_code === undefined ? {} : { postalCode: address.postal_code }),
            ...((address.country ?? party.country)
              ? { country: address.country ?? party.country ?? "" }
              : {}),
          },
    taxIds: party.tax_ids,
  };
}

/** The parties of an invoice: its snapshots once finalized, the current ones on a draft. */
async function partiesOf(context: RequestContext, invoice: InvoiceView) {
  if (invoice.seller !== null && invoice.buyer !== null) {
    return { seller: invoice.seller as PartySnapshot, buyer: invoice.buyer as PartySnapshot };
  }
  const customer = await loadCustomerRow(context.database, context, invoice.customer_id);
  const settings = await settingsForCustomer(
    context.database,
    context,
    await readInvoicingSettings(context.database, context),
    customer.id,
    new Date(invoice.period_start ?? invoice.issued_at),
  );
  return { seller: partyOfSeller(settings), buyer: partyOfCustomer(customer) };
}

/** What an invoice and its credit notes both show as the invoice has it: its period, locale, zone and parties. */
function fromTheInvoice(invoice: InvoiceView, seller: PartySnapshot, buyer: PartySnapshot) {
  return {
    periodStart: invoice.period_start,
    periodEnd: invoice.period_end,
    locale: invoice.locale,
    timeZone: invoice.timezone,
    seller: documentParty(seller),
    buyer: documentParty(buyer),
    paymentInstructions: seller.payment_instructions ?? null,
    sellerFooter: seller.footer ?? null,
  };
}

function taxOf(invoice: InvoiceView): InvoiceDocument["tax"] {
  const details = invoice.tax_details;
  if (details === null) return null;
  const label = details.components.map((component) => component.name).join(" + ") || "Tax";
  return {
    label,
    percent: details.percent,
    inclusive: details.inclusive,
    note: details.note ?? details.exemption_reason,
  };
}

/**
 * The invoice's lines in print order: on a consolidated invoice, section by
 * section (the parent's own, then each child's), each section's first line
 * carrying its heading; otherwise as they are.
 */
function sectionedLines(
  invoice: InvoiceView,
  buyerName: string,
): { line: InvoiceView["lines"][number]; sectionHeading?: string }[] {
  if (invoice.sections.length === 0) return invoice.lines.map((line) => ({ line }));
  const byId = new Map(invoice.lines.map((line) => [line.id, line]));
  return invoice.sections.flatMap((section) =>
    section.line_ids.flatMap((id, index) => {
      const line = byId.get(id);
      if (line === undefined) return [];
      return index === 0
        ? [{ line, sectionHeading: section.billed_customer?.name ?? buyerName }]
        : [{ line }];
    }),
  );
}

/** A pooled usage line's explanation: what each account of the pool used. */
function poolExplanation(details: Record<string, unknown>): string[] {
  const pool = details.pool;
  if (!Array.isArray(pool)) return [];
  return pool.map(
    (share: { name?: unknown; quantity?: unknown }) => `${String(share.name)}: ${String(share.quantity)}`,
  );
}

export async function invoiceDocument(context: RequestContext, invoiceId: string): Promise<InvoiceDocument> {
  const invoice = await getInvoice(context, invoiceId);
  const { seller, buyer } = await partiesOf(context, invoice);
  const decimalsOf = await quantityDisplayDecimals(context.database, context);
  return {
    kind: "invoice",
    number: invoice.number,
    status: invoice.status,
    issuedAt: invoice.issued_at,
    dueAt: invoice.due_at,
    currency: invoice.currency,
    ...fromTheInvoice(invoice, seller, buyer),
    lines: sectionedLines(invoice, buyer.name ?? invoice.customer_id).map(({ line, sectionHeading }) => ({
      description: line.description,
      periodStart: line.period_start,
      periodEnd: line.period_end,
      quantity: shownQuantity(line.quantity, meterOf(line.details), decimalsOf),
      unitAmount: line.unit_amount,
      amount: line.amount,
      explanation: [...explainLine(line.kind, line.details), ...poolExplanation(line.details)],
      ...(sectionHeading === undefined ? {} : { sectionHeading }),
    })),
    totals: {
      subtotal: invoice.subtotal,
      discount: invoice.discount,
      credits: invoice.credits,
      tax: invoice.tax,
      total: invoice.total,
      balanceApplied: invoice.balance_applied,
      amountDue: invoice.amount_due,
      ...(new Decimal(invoice.amount_paid).isZero() ? {} : { amountPaid: invoice.amount_paid }),
    },
    discounts: invoice.discounts.map((discount, index) => ({
      label: `Discount ${index + 1}`,
      amount: discount.amount,
    })),
    tax: taxOf(invoice),
    memo: invoice.memo,
    relatedInvoiceNumber: null,
    reason: null,
  };
}

export async function creditNoteDocument(
  context: RequestContext,
  creditNoteId: string,
): Promise<InvoiceDocument> {
  const note = await getCreditNote(context, creditNoteId);
  const invoice = await getInvoice(context, note.invoice_id);
  const { seller, buyer } = await partiesOf(context, invoice);
  const zero = formatAmount(ZERO, currencyFor(note.currency));
  return {
    kind: "credit_note",
    number: note.number,
    status: "issued",
    issuedAt: note.issued_at,
    dueAt: null,
    currency: note.currency,
    ...fromTheInvoice(invoice, seller, buyer),
    lines: note.lines.map((line) => ({
      description: line.description,
      periodStart: null,
      periodEnd: null,
      quantity: "1",
      unitAmount: null,
      amount: line.amount,
      explanation: [],
    })),
    totals: {
      subtotal: note.subtotal,
      discount: zero,
      credits: zero,
      tax: note.tax,
      total: note.total,
      balanceApplied: zero,
      amountDue: note.total,
    },
    discounts: [],
    tax: taxOf(invoice),
    memo: note.memo,
    relatedInvoiceNumber: note.invoice_number,
    reason: note.reason.replaceAll("_", " "),
  };
}

/** A metered quantity rounded as its meter asks (the explanation keeps it exact); any other as written. */
function shownQuantity(
  quantity: string,
  meter: string | undefined,
  decimalsOf: QuantityDisplayDecimals,
): string {
  return meter === undefined ? quantity : displayQuantity(quantity, decimalsOf(meter));
}

function meterOf(details: Record<string, unknown>): string | undefined {
  return typeof details.meter === "string" ? details.meter : undefined;
}
