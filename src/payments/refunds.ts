// Giving money back, in full or in part, the way it came: through Stripe for
// a card payment, by hand (recorded here) for a manual one. A refund first
// takes back what the invoice put on the customer balance (an overpayment,
// or what a credit note took back of an invoice already paid, as far as the
// balance still holds it), then what was paid on the invoice, which is then
// open again for that much. A refund asked for here that neither can cover
// is refused before anything is stored or sent. Like a charge, a Stripe
// refund is stored pending before Stripe is called (with the refund's id as
// the idempotency key) and settled after; Stripe's webhooks settle it too.
// Once the provider says the money left, the refund is recorded whatever it
// finds (billing rule 29): what the balance and the invoice's amount paid do
// not cover is owed again on the invoice (its amount paid below zero), or,
// when the invoice cannot be owed it (void, another currency), lost.

import { recordAuditEvent } from "../audit/index.ts";
import {
  currencyFor,
  Decimal,
  fitsMinorUnit,
  type RefundSources,
  type RefundSplit,
  splitProviderRefund,
  splitRefund,
  sumDecimals,
  ZERO,
} from "../core/index.ts";
import { customerBalanceOf, recordBalanceMovement, showMoney } from "../credits/index.ts";
import {
  applyRefundToInvoice,
  creditedToBalanceBy,
  findInvoiceRow,
  lockInvoice,
} from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { conflict, FairbillError, validationFailed } from "../platform/errors.ts";
import { announceRefund } from "./payment-announcements.ts";
import type { RefundResult } from "./payment-provider.ts";
import type { RefundInput, RefundView } from "./payment-schemas.ts";
import { providerFor, readPaymentSettings } from "./payment-settings.ts";
import {
  findPaymentRow,
  lockPayment,
  type PaymentRow,
  presentRefund,
  type RefundRow,
} from "./payment-store.ts";
import type { RefundTable } from "./tables.ts";

async function refundsOf(database: Database, context: RequestContext, paymentId: string) {
  return selectInTenant(database, context, "refunds").where("payment_id", "=", paymentId).execute();
}

/**
 * What is left to give back: the payment less its refunds, counting those
 * still pending, and less what the customer's bank took back through disputes lost.
 */
async function refundableAmount(database: Database, context: RequestContext, payment: PaymentRow) {
  const refunds = await refundsOf(database, context, payment.id);
  const committed = sumDecimals(
    refunds.filter((refund) => refund.status !== "failed").map((refund) => new Decimal(refund.amount)),
  );
  return new Decimal(payment.amount).minus(committed).minus(payment.amount_charged_back);
}

export type MoneyGivenBackSources = RefundSources & {
  /** The invoice can be owed again: finalized, not void, in the payment's currency. */
  invoiceOwesAgain: boolean;
};

/**
 * Takes back from the customer balance what a refund or a lost dispute takes
 * of the money the payment's invoice put there (nothing when the amount is 0).
 */
export async function takeBackFromBalance(
  transaction: DatabaseTransaction,
  context: RequestContext,
  payment: PaymentRow,
  amount: Decimal,
  reason: string,
): Promise<void> {
  if (!amount.greaterThan(ZERO)) return;
  await recordBalanceMovement(transaction, context, {
    customerId: payment.customer_id,
    currency: payment.currency,
    amount: amount.negated(),
    invoiceId: payment.invoice_id,
    reason,
  });
}

/**
 * What money given back (a refund) or taken back (a dispute lost) of the
 * payment can come from now: the customer balance, as far as it holds what
 * the payment's invoice put there in the payment's currency (its payments'
 * overpayments and its credit notes' excess, less what earlier refunds and
 * disputes lost took back), then what the invoice was paid in that currency.
 */
export async function moneyGivenBackSources(
  database: Database,
  context: RequestContext,
  payment: PaymentRow,
): Promise<MoneyGivenBackSources> {
  const invoice = await findInvoiceRow(database, context, payment.invoice_id);
  const inInvoiceCurrency = invoice.currency === payment.currency;
  const [payments, refunds, disputesLost, creditNotesExcess, customerBalance] = await Promise.all([
    selectInTenant(database, context, "payments")
      .where("invoice_id", "=", payment.invoice_id)
      .where("currency", "=", payment.currency)
      .where("status", "=", "succeeded")
      .execute(),
    selectInTenant(database, context, "refunds")
      .where("invoice_id", "=", payment.invoice_id)
      .where("currency", "=", payment.currency)
      .where("status", "=", "succeeded")
      .execute(),
    selectInTenant(database, context, "payment_disputes")
      .where("invoice_id", "=", payment.invoice_id)
      .where("currency", "=", payment.currency)
      .where("status", "=", "lost")
      .execute(),
    inInvoiceCurrency ? creditedToBalanceBy(database, context, payment.invoice_id) : ZERO,
    customerBalanceOf(database, context, payment.customer_id, payment.currency),
  ]);
  const heldOnBalance = sumDecimals(payments.map((row) => new Decimal(row.amount_to_balance)))
    .plus(creditNotesExcess)
    .minus(sumDecimals(refunds.map((row) => new Decimal(row.amount_from_balance))))
    .minus(sumDecimals(disputesLost.map((row) => new Decimal(row.amount_from_balance))));
  return {
    heldOnBalance,
    customerBalance,
    amountPaid: inInvoiceCurrency ? new Decimal(invoice.amount_paid) : ZERO,
    invoiceOwesAgain: inInvoiceCurrency && invoice.status !== "void" && invoice.status !== "draft",
  };
}

/** Where a refund of `amount` of the payment asked for here comes from now (splitRefund), or how much can be. */
async function refundSplitOf(
  database: Database,
  context: RequestContext,
  payment: PaymentRow,
  amount: Decimal,
): Promise<RefundSplit> {
  return splitRefund(amount, await moneyGivenBackSources(database, context, payment));
}

function refundNotCovered(payment: PaymentRow, available: Decimal) {
  const most = showMoney(available, payment.currency);
  return conflict(
    "refund_exceeds_payments",
    `Payment ${payment.id} can give back at most ${most} ${payment.currency} now: what its invoice put on the customer balance and the balance still holds, and what the invoice was paid.`,
    [{ path: "$.amount", message: `must be at most ${most}` }],
  );
}

/** A refund row waiting for its outcome. */
export async function insertRefund(
  transaction: Database,
  context: RequestContext,
  payment: PaymentRow,
  refund: { amount: Decimal; reason: string; origin: RefundTable["origin"] },
): Promise<RefundRow> {
  const now = context.clock.now();
  return insertTenantRow(transaction, context, "refunds", "refund", now, {
    payment_id: payment.id,
    invoice_id: payment.invoice_id,
    customer_id: payment.customer_id,
    origin: refund.origin,
    status: "pending",
    currency: payment.currency,
    amount: refund.amount.toFixed(),
    reason: refund.reason,
    created_at: now,
    updated_at: now,
  });
}

/**
 * Records the provider's answer to a pending refund, once; a success moves
 * the money back. Never refused then: the money has left (splitProviderRefund).
 */
export async function settleRefund(
  transaction: DatabaseTransaction,
  context: RequestContext,
  refundId: string,
  result: RefundResult,
): Promise<RefundRow> {
  const refund = await selectInTenant(transaction, context, "refunds")
    .where("id", "=", refundId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (refund.status !== "pending") return refund;
  const now = context.clock.now();
  const update = transaction.updateTable("refunds").where("id", "=", refund.id).returningAll();
  if (result.status !== "succeeded") {
    return update
      .set({
        status: result.status,
        provider_refund_id: result.providerRefundId ?? refund.provider_refund_id,
        failure_message: result.failureMessage,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
  }
  const payment = await lockPayment(transaction, context, refund.payment_id);
  const amount = new Decimal(refund.amount);
  const { fromBalance, fromInvoice, lost } = splitProviderRefund(
    amount,
    await moneyGivenBackSources(transaction, context, payment),
  );
  await takeBackFromBalance(
    transaction,
    context,
    payment,
    fromBalance,
    `refund ${refund.id} of payment ${payment.id}`,
  );
  if (fromInvoice.greaterThan(ZERO)) {
    await applyRefundToInvoice(transaction, context, payment.invoice_id, fromInvoice, { beyondPaid: true });
  }
  const updatedPayment = await updateTenantRow(transaction, context, "payments", payment.id, {
    amount_refunded: new Decimal(payment.amount_refunded).plus(amount).toFixed(),
    updated_at: now,
  });
  const settled = await update
    .set({
      status: "succeeded",
      amount_from_invoice: fromInvoice.toFixed(),
      amount_from_balance: fromBalance.toFixed(),
      amount_lost: lost.toFixed(),
      provider_refund_id: result.providerRefundId ?? refund.provider_refund_id,
      refunded_at: now,
      updated_at: now,
    })
    .executeTakeFirstOrThrow();
  await recordAuditEvent(transaction, context, {
    action: "payment.refunded",
    objectType: "payment",
    objectId: payment.id,
    before: { amount_refunded: showMoney(payment.amount_refunded, payment.currency) },
    after: {
      amount_refunded: showMoney(updatedPayment.amount_refunded, payment.currency),
      refund: presentRefund(settled),
    },
  });
  const invoice = await lockInvoice(transaction, context, payment.invoice_id);
  await announceRefund(transaction, context, settled, updatedPayment, invoice);
  return settled;
}

function readRefundAmount(input: RefundInput, payment: PaymentRow, refundable: Decimal): Decimal {
  const amount = input.amount === undefined ? refundable : new Decimal(input.amount);
  const currency = currencyFor(payment.currency);
  if (input.amount !== undefined && amount.isZero()) {
    throw validationFailed([{ path: "$.amount", message: "must be more than 0" }]);
  }
  if (!fitsMinorUnit(amount, currency)) {
    throw validationFailed([
      {
        path: "$.amount",
        message: `has more decimal places than ${payment.currency} has (${currency.minorDigits})`,
      },
    ]);
  }
  if (amount.greaterThan(refundable) || refundable.isZero()) {
    throw conflict(
      "refund_exceeds_payment",
      `Payment ${payment.id} has ${showMoney(refundable, payment.currency)} ${payment.currency} left to refund.`,
      [{ path: "$.amount", message: `must be at most ${showMoney(refundable, payment.currency)}` }],
    );
  }
  return amount;
}

export async function refundPayment(
  context: RequestContext,
  paymentId: string,
  input: RefundInput,
): Promise<RefundView> {
  const found = await findPaymentRow(context.database, context, paymentId);
  if (found.status !== "succeeded") {
    throw conflict(
      "payment_not_refundable",
      `Payment ${paymentId} is ${found.status}; only a succeeded payment is refunded.`,
    );
  }
  // Known before anything is stored: a refund that no provider can make is never left pending.
  const provider = providerFor(await readPaymentSettings(context.database, context), found.provider);
  const { refund, payment } = await context.database.transaction().execute(async (transaction) => {
    const locked = await lockPayment(transaction, context, paymentId);
    const amount = readRefundAmount(input, locked, await refundableAmount(transaction, context, locked));
    // Refused before the provider gives anything back, so that no refund is left pending.
    const split = await refundSplitOf(transaction, context, locked, amount);
    if (!split.ok) throw refundNotCovered(locked, split.available);
    const stored = await insertRefund(transaction, context, locked, {
      amount,
      reason: input.reason,
      origin: "fairbill",
    });
    return { refund: stored, payment: locked };
  });
  let result: RefundResult;
  try {
    result = await provider.refund({
      refundId: refund.id,
      paymentId: payment.id,
      providerPaymentId: payment.provider_payment_id,
      amount: new Decimal(refund.amount),
      currency: refund.currency,
    });
  } catch (error) {
    if (!(error instanceof FairbillError)) throw error;
    // Nothing is known to have been refunded; if Stripe did refund, its charge.refunded webhook records it.
    await context.database.transaction().execute((transaction) =>
      settleRefund(transaction, context, refund.id, {
        status: "failed",
        providerRefundId: null,
        failureMessage: error.detail,
      }),
    );
    throw error;
  }
  const settled = await context.database
    .transaction()
    .execute((transaction) => settleRefund(transaction, context, refund.id, result));
  return presentRefund(settled);
}
