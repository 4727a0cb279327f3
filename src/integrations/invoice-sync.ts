// The sync of a finalized invoice and what hangs off it, in the order the
// accounting system needs them: the customer (a contact), the invoice with
// its lines, the payments that paid it, the refunds of those payments, and
// its credit notes. Each object is synced once (see object-sync.ts); a rerun
// finds every record synced and sends nothing.
import { Decimal } from "../core/index.ts";
import { getCustomer } from "../customers/index.ts";
import { getInvoice, type InvoiceView, listCreditNotes } from "../invoicing/index.ts";
import { loadPaymentFacts } from "../payments/index.ts";
import type { AccountingLine, AccountingSystem } from "./accounting-system.ts";
import type { Mappings } from "./mappings.ts";
import { type SyncRun, syncObject } from "./object-sync.ts";

export type InvoiceSyncTarget = { connectionId: string; system: AccountingSystem; mappings: Mappings };

export async function syncInvoiceFamily(
  run: SyncRun,
  target: InvoiceSyncTarget,
  invoiceId: string,
): Promise<void> {
  const { context } = run;
  const invoice = await getInvoice(context, invoiceId);
  if (invoice.number === null || invoice.status === "draft" || invoice.status === "void") return;
  const { system, mappings, connectionId } = target;
  const source = { connectionId, sourceType: "invoice" as const, sourceId: invoiceId };
  const day = (instant: Date | number) =>
    new Date(instant).toLocaleDateString("en-CA", { timeZone: invoice.timezone });
  const currency = mappings.optional("currency", invoice.currency) ?? invoice.currency;

  const customer = await getCustomer(context, invoice.customer_id);
  const contactId = await syncObject(
    run,
    { ...source, objectType: "customer", objectId: customer.id },
    async () => {
      const mapped = mappings.optional("customer", customer.id);
      if (mapped !== null) return mapped;
      return system.customer({
        fairbillId: customer.id,
        name: customer.name ?? customer.external_id,
        email: customer.email,
        currency,
      });
    },
  );

  const invoiceExternalId = await syncObject(
    run,
    { ...source, objectType: "invoice", objectId: invoice.id },
    () =>
      system.invoice({
        fairbillId: invoice.id,
        number: invoice.number ?? invoice.id,
        contactId,
        currency,
        issuedOn: day(Date.parse(invoice.finalized_at ?? invoice.issued_at)),
        dueOn: invoice.due_at === null ? null : day(Date.parse(invoice.due_at)),
        lines: invoiceLines(invoice, mappings),
      }),
  );

  const facts = await loadPaymentFacts(context.database, context);
  for (const payment of facts.payments) {
    if (payment.invoiceId !== invoice.id || payment.status !== "succeeded" || payment.applied.isZero())
      continue;
    await syncObject(run, { ...source, objectType: "payment", objectId: payment.id }, () =>
      system.payment({
        fairbillId: payment.id,
        invoiceExternalId,
        bankAccountCode: mappings.required("account", "cash"),
        amount: payment.applied.toFixed(),
        paidOn: day(payment.at),
      }),
    );
  }
  for (const refund of facts.refunds) {
    if (refund.invoiceId !== invoice.id) continue;
    await syncObject(run, { ...source, objectType: "refund", objectId: refund.id }, () =>
      system.refund({
        fairbillId: refund.id,
        contactId,
        bankAccountCode: mappings.required("account", "cash"),
        accountCode: mappings.required("account", "accounts_receivable"),
        currency,
        amount: refund.amount.toFixed(),
        refundedOn: day(refund.at),
        description: `Refund ${refund.id} of payment ${refund.paymentId} (invoice ${invoice.number})`,
      }),
    );
  }

  const creditNotes = await listCreditNotes(context, { invoice_id: invoice.id, limit: 100 });
  for (const note of [...creditNotes.data].reverse()) {
    await syncObject(run, { ...source, objectType: "credit_note", objectId: note.id }, () =>
      system.creditNote({
        fairbillId: note.id,
        number: note.number,
        contactId,
        currency,
        issuedOn: day(Date.parse(note.issued_at)),
        lines: note.lines.map((line) => ({
          description: line.description,
          quantity: "1",
          unitAmount: null,
          amount: line.amount,
          accountCode: mappings.required("account", "revenue"),
          taxType: taxTypeOf(invoice, mappings),
          itemCode: null,
        })),
        invoiceExternalId,
        allocatedToInvoice: note.applied_to_invoice,
      }),
    );
  }
}

/** The invoice's lines before tax, with its discounts and credits as lines of their own so that the totals agree. */
function invoiceLines(invoice: InvoiceView, mappings: Mappings): AccountingLine[] {
  const accountCode = mappings.required("account", "revenue");
  const taxType = taxTypeOf(invoice, mappings);
  const lines: AccountingLine[] = invoice.lines.map((line) => ({
    description: line.description,
    quantity: line.quantity,
    unitAmount: line.unit_amount,
    amount: line.amount,
    accountCode,
    taxType,
    itemCode: mappings.optional("item", line.description),
  }));
  const reductions: [string, string][] = [
    ["Discounts", invoice.discount],
    ["Credits applied", invoice.credits],
  ];
  for (const [description, amount] of reductions) {
    const reduction = new Decimal(amount);
    if (reduction.isZero()) continue;
    lines.push({
      description,
      quantity: "1",
      unitAmount: null,
      amount: reduction.negated().toFixed(),
      accountCode,
      taxType,
      itemCode: null,
    });
  }
  return lines;
}

/** The tax type of the invoice's rate (its percent, or "none" without tax), where one is mapped. */
function taxTypeOf(invoice: InvoiceView, mappings: Mappings): string | null {
  return mappings.optional("tax_code", invoice.tax_details?.percent ?? "none");
}
