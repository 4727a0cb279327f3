// One-off invoices: lines billing ops (or a credit purchase) write by hand,
// outside any subscription. Totals go through the engine's settleInvoice, so
// tax and rounding are the same as on subscription invoices; coupons, credit
// grants and the customer balance are left to subscription invoices.

import { recordAuditEvent } from "../audit/index.ts";
import { currencyFor, Decimal, formatAmount, priceOneOffLines, settleInvoice, ZERO } from "../core/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { conflict, validationFailed } from "../platform/errors.ts";
import { loadCustomerAccount, taxDetailsOf, taxOnly } from "./customer-account.ts";
import { loadCustomerRow } from "./customer-billing.ts";
import { finalizeDraftInvoice } from "./draft-finalization.ts";
import { announceDraftInvoice } from "./invoice-announcements.ts";
import { lockInvoice, totalsColumns, writeDraft } from "./invoice-store.ts";
import { readInvoicingSettings } from "./invoicing-settings.ts";
import { settingsForCustomer } from "./seller-entities.ts";
import type { StoredLine } from "./stored-lines.ts";

export type OneOffLineInput = { description: string; quantity: string; unitAmount: string };

/**
 * A one-off invoice for the customer, a draft unless `finalize`. Runs in the
 * caller's transaction, so that a credit purchase and its invoice are one
 * change.
 */
export async function createOneOffInvoice(
  transaction: DatabaseTransaction,
  context: RequestContext,
  input: {
    customerId: string;
    currency: string;
    lines: readonly OneOffLineInput[];
    finalize: boolean;
    memo?: string;
  },
): Promise<{ id: string }> {
  const customer = await loadCustomerRow(transaction, context, input.customerId);
  const currency = currencyFor(input.currency);
  const issuedAt = context.clock.now();
  const settings = await settingsForCustomer(
    transaction,
    context,
    await readInvoicingSettings(transaction, context),
    customer.id,
    issuedAt,
  );
  const priced = priceOneOffLines(
    input.lines.map((line) => ({
      quantity: new Decimal(line.quantity),
      unitAmount: new Decimal(line.unitAmount),
    })),
    currency,
    issuedAt.getTime(),
  );
  if (!priced.ok) throw validationFailed(priced.refusals);
  const engineLines = priced.lines;
  const account = await loadCustomerAccount(transaction, context, {
    customer,
    currency: input.currency,
    at: issuedAt.getTime(),
    settings,
    versions: new Map(),
    subscriptionIds: [],
  });
  const settled = settleInvoice({
    issuedAt: issuedAt.getTime(),
    lines: engineLines,
    ...taxOnly(account, currency),
  });
  if (settled.invoice.total.lessThan(ZERO)) {
    throw validationFailed([
      { path: "$.lines", message: "add up to a negative total; correct an invoice with a credit note" },
    ]);
  }
  const lines: StoredLine[] = input.lines.map((line, index) => ({
    subscription_id: null,
    plan_id: null,
    plan_version_id: null,
    charge_id: null,
    kind: "one_off",
    description: line.description,
    period_start: null,
    period_end: null,
    quantity: new Decimal(line.quantity).toFixed(),
    unit_amount: new Decimal(line.unitAmount).toFixed(),
    amount: formatAmount(engineLines[index]?.amount ?? ZERO, currency),
    details: {},
  }));
  const totals = totalsColumns(settled.invoice);
  const id = await writeDraft(transaction, context, {
    customerId: customer.id,
    origin: "one_off",
    billingKey: null,
    currency: input.currency,
    issuedAt,
    periodStart: null,
    periodEnd: null,
    totals,
    taxDetails: taxDetailsOf(account),
    subscriptionIds: [],
    locale: customer.locale,
    timezone: customer.timezone,
    memo: input.memo ?? null,
    lines,
  });
  await recordAuditEvent(transaction, context, {
    action: "invoice.created",
    objectType: "invoice",
    objectId: id,
    before: null,
    after: { origin: "one_off", currency: input.currency, total: totals.total },
  });
  if (input.finalize) await finalizeOneOff(transaction, context, id);
  else await announceDraftInvoice(transaction, context, await lockInvoice(transaction, context, id));
  return { id };
}

/** Finalizes a one-off draft: number, parties, due date. Subscription drafts finalize through the bill run. */
export async function finalizeOneOff(
  transaction: DatabaseTransaction,
  context: RequestContext,
  id: string,
): Promise<void> {
  const row = await lockInvoice(transaction, context, id);
  if (row.status !== "draft") throw conflict("invoice_not_draft", `Invoice ${id} is already finalized.`);
  const customer = await loadCustomerRow(transaction, context, row.customer_id);
  const settings = await readInvoicingSettings(transaction, context);
  await finalizeDraftInvoice(transaction, context, {
    id,
    customer,
    settings,
    issuedAt: row.issued_at,
    amountDue: row.amount_due,
  });
}
