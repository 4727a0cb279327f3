// The one step that turns a draft into a finalized invoice, whatever made the
// draft (a bill run, billing ops, progressive billing): the next number, the
// seller and buyer snapshots, the due date from the payment terms, the audit
// entry and the announcements. Call it inside the transaction that wrote the
// draft's final content.
import { recordAuditEvent } from "../audit/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import type { CustomerRow } from "./customer-billing.ts";
import { announceFinalizedInvoice } from "./invoice-announcements.ts";
import { finalizeDraft, type InvoiceRow, lockInvoice } from "./invoice-store.ts";
import type { InvoicingSettings } from "./invoicing-settings.ts";
import { partyOfCustomer, partyOfSeller } from "./parties.ts";
import { settingsForCustomer } from "./seller-entities.ts";

const millisecondsPerHour = 3_600_000;
const millisecondsPerDay = 86_400_000;

/** How long after its issue instant an invoice stays a draft (milliseconds): the customer's own grace period, or the environment's. */
export function gracePeriodOf(customer: CustomerRow, settings: InvoicingSettings): number {
  const days = customer.invoice_settings.grace_period_days;
  return (days === undefined ? settings.gracePeriodHours : days * 24) * millisecondsPerHour;
}

/** Days after the invoice date that payment is due: the customer's own terms, or the environment's. */
export function paymentTermsOf(customer: CustomerRow, settings: InvoicingSettings): number {
  return (
    (customer.invoice_settings.net_payment_terms_days ?? settings.netPaymentTermsDays) * millisecondsPerDay
  );
}

export async function finalizeDraftInvoice(
  transaction: DatabaseTransaction,
  context: RequestContext,
  input: {
    id: string;
    customer: CustomerRow;
    settings: InvoicingSettings;
    issuedAt: Date;
    amountDue: string;
    /** What the audit entry adds about where the invoice came from. */
    auditDetails?: Record<string, string>;
  },
): Promise<InvoiceRow> {
  const { customer } = input;
  // The seller and numbering of the billing entity of the draft's period (its start; its date when it has none).
  const draft = await lockInvoice(transaction, context, input.id);
  const settings = await settingsForCustomer(
    transaction,
    context,
    input.settings,
    customer.id,
    draft.period_start ?? draft.issued_at,
  );
  const finalized = await finalizeDraft(transaction, context, {
    id: input.id,
    prefix: settings.invoicePrefix,
    billingEntityId: settings.billingEntity?.id ?? null,
    dueAt: new Date(input.issuedAt.getTime() + paymentTermsOf(customer, settings)),
    seller: partyOfSeller(settings),
    buyer: partyOfCustomer(customer),
    amountDue: input.amountDue,
  });
  await recordAuditEvent(transaction, context, {
    action: "invoice.finalized",
    objectType: "invoice",
    objectId: input.id,
    before: { status: "draft" },
    after: {
      number: finalized.number,
      origin: finalized.origin,
      total: finalized.total,
      amount_due: finalized.amount_due,
      currency: finalized.currency,
      ...input.auditDetails,
    },
  });
  await announceFinalizedInvoice(transaction, context, finalized);
  return finalized;
}
