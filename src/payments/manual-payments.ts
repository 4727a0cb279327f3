// Money billing ops received outside any provider (a bank transfer, a cheque,
// cash), recorded against an invoice: a partial payment leaves the invoice
// partially paid; more than remains pays it and the excess goes to the
// customer balance, where the next invoices use it.
import { currencyFor, Decimal, fitsMinorUnit } from "../core/index.ts";
import { findInvoiceRow, lockFinalizedInvoice } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { type FieldError, validationFailed } from "../platform/errors.ts";
import { recordPaymentSucceeded } from "./payment-outcomes.ts";
import type { PaymentDetailView, RecordPaymentInput } from "./payment-schemas.ts";
import { getPayment, insertPendingPayment } from "./payment-store.ts";

export async function recordManualPayment(
  context: RequestContext,
  invoiceId: string,
  input: RecordPaymentInput,
): Promise<PaymentDetailView> {
  const { currency } = await findInvoiceRow(context.database, context, invoiceId);
  const now = context.clock.now();
  const amount = new Decimal(input.amount);
  const receivedAt = input.received_at === undefined ? now : new Date(input.received_at);
  const errors: FieldError[] = [];
  if (amount.isZero()) errors.push({ path: "$.amount", message: "must be more than 0" });
  else if (!fitsMinorUnit(amount, currencyFor(currency))) {
    errors.push({
      path: "$.amount",
      message: `has more decimal places than ${currency} has (${currencyFor(currency).minorDigits})`,
    });
  }
  if (receivedAt.getTime() > now.getTime()) {
    errors.push({ path: "$.received_at", message: `must not be later than now (${now.toISOString()})` });
  }
  if (errors.length > 0) throw validationFailed(errors);

  const id = await context.database.transaction().execute(async (transaction) => {
    const invoice = await lockFinalizedInvoice(transaction, context, invoiceId, {
      code: "invoice_not_payable",
      onlyFinalized: "is paid",
    });
    const payment = await insertPendingPayment(transaction, context, invoice, {
      provider: "manual",
      method: input.method,
      origin: "manual",
      currency,
      amount: amount.toFixed(),
      reference: input.reference ?? null,
    });
    await recordPaymentSucceeded(transaction, context, payment, { providerPaymentId: null, receivedAt });
    return payment.id;
  });
  return getPayment(context, id);
}
