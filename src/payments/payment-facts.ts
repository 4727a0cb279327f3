// The money that moved for invoices, as finance reads it from this domain's
// records: payments that succeeded (or failed: the billing failure rate),
// refunds that went through, and disputes (chargebacks) the provider
// reported, with their outcome. Plain data for finance's books, KPIs and reconciliation, read in
// three queries whatever the size of the environment; nothing here writes.
import { Decimal, type Instant } from "../core/index.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";

export type PaymentFact = {
  id: string;
  customerId: string;
  invoiceId: string;
  currency: string;
  status: "pending" | "succeeded" | "failed";
  origin: string;
  /** The whole payment. */
  amount: Decimal;
  /** The part that paid the invoice, and the overpayment kept on the customer balance. */
  applied: Decimal;
  toBalance: Decimal;
  /** When the money arrived (succeeded) or the attempt was made (otherwise). */
  at: Instant;
  /** When Fairbill wrote it down: a payment received in a closed month is booked when it was recorded. */
  recordedAt: Instant;
  reference: string;
};

export type RefundFact = {
  id: string;
  paymentId: string;
  customerId: string;
  invoiceId: string;
  currency: string;
  amount: Decimal;
  fromInvoice: Decimal;
  fromBalance: Decimal;
  /** Of a refund made at the provider: what nothing covered and no invoice can be owed again. */
  lost: Decimal;
  at: Instant;
  recordedAt: Instant;
};

export type ChargebackFact = {
  id: string;
  /** The provider's id of the dispute. */
  reference: string;
  paymentId: string;
  invoiceId: string;
  customerId: string;
  currency: string;
  amount: Decimal;
  /** The provider's status; lost when the customer's bank took the money back. */
  status: string;
  openedAt: Instant;
  /** When the provider closed it, and when Fairbill wrote the close down; null while open. */
  closedAt: Instant | null;
  closeRecordedAt: Instant | null;
  /** Of a dispute lost: taken back from the customer balance, and the rest, lost. */
  fromBalance: Decimal;
  lost: Decimal;
};

export type PaymentFacts = { payments: PaymentFact[]; refunds: RefundFact[]; chargebacks: ChargebackFact[] };

/** The environment's payment facts, or one customer's (a statement of account) when `customerId` is given. */
export async function loadPaymentFacts(
  database: Database,
  scope: TenantScope,
  customerId?: string,
): Promise<PaymentFacts> {
  const customers = customerId === undefined ? [] : [customerId];
  const [payments, refunds, chargebacks] = await Promise.all([
    selectInTenant(database, scope, "payments")
      .$if(customerId !== undefined, (query) => query.where("customer_id", "in", customers))
      .orderBy("id")
      .execute(),
    selectInTenant(database, scope, "refunds")
      .where("status", "=", "succeeded")
      .$if(customerId !== undefined, (query) => query.where("customer_id", "in", customers))
      .orderBy("id")
      .execute(),
    selectInTenant(database, scope, "payment_disputes")
      .$if(customerId !== undefined, (query) => query.where("customer_id", "in", customers))
      .orderBy("id")
      .execute(),
  ]);
  return {
    payments: payments.map((row) => ({
      id: row.id,
      customerId: row.customer_id,
      invoiceId: row.invoice_id,
      currency: row.currency,
      status: row.status,
      origin: row.origin,
      amount: new Decimal(row.amount),
      applied: new Decimal(row.amount_applied),
      toBalance: new Decimal(row.amount_to_balance),
      at: (row.received_at ?? row.created_at).getTime(),
      recordedAt: row.created_at.getTime(),
      reference: row.reference ?? row.provider_payment_id ?? row.id,
    })),
    refunds: refunds.map((row) => ({
      id: row.id,
      paymentId: row.payment_id,
      customerId: row.customer_id,
      invoiceId: row.invoice_id,
      currency: row.currency,
      amount: new Decimal(row.amount),
      fromInvoice: new Decimal(row.amount_from_invoice),
      fromBalance: new Decimal(row.amount_from_balance),
      lost: new Decimal(row.amount_lost),
      at: (row.refunded_at ?? row.updated_at).getTime(),
      recordedAt: row.updated_at.getTime(),
    })),
    chargebacks: chargebacks.map((row) => ({
      id: row.id,
      reference: row.provider_dispute_id,
      paymentId: row.payment_id,
      invoiceId: row.invoice_id,
      customerId: row.customer_id,
      currency: row.currency,
      amount: new Decimal(row.amount),
      status: row.status,
      openedAt: row.opened_at.getTime(),
      closedAt: row.closed_at?.getTime() ?? null,
      closeRecordedAt: row.closed_at === null ? null : row.updated_at.getTime(),
      fromBalance: new Decimal(row.amount_from_balance),
      lost: new Decimal(row.amount_lost),
    })),
  };
}
