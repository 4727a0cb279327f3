// Reading payments, refunds and disputes, and how the API shows them.
import { type Insertable, type Selectable, sql } from "kysely";
import { showMoney } from "../credits/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import {
  type PageRequest,
  type SortColumn,
  type SortKeyed,
  sortedPage,
} from "../platform/database/list-pages.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { notFound } from "../platform/errors.ts";
import type {
  DisputeView,
  PaymentDetailView,
  PaymentListFilters,
  PaymentSortField,
  PaymentView,
  RefundView,
} from "./payment-schemas.ts";
import type { PaymentDisputeTable, PaymentTable, RefundTable } from "./tables.ts";

export type PaymentRow = Selectable<PaymentTable>;
export type RefundRow = Selectable<RefundTable>;
export type DisputeRow = Selectable<PaymentDisputeTable>;

export function selectPayments(database: Database, scope: TenantScope) {
  return selectInTenant(database, scope, "payments");
}

export async function findPaymentRow(
  database: Database,
  scope: TenantScope,
  id: string,
): Promise<PaymentRow> {
  const row = await selectPayments(database, scope).where("id", "=", id).executeTakeFirst();
  if (row === undefined) throw notFound("payment", id);
  return row;
}

/** The payment, locked for the rest of the transaction: its outcome is written once. */
export async function lockPayment(database: Database, scope: TenantScope, id: string): Promise<PaymentRow> {
  const row = await selectPayments(database, scope).where("id", "=", id).forUpdate().executeTakeFirst();
  if (row === undefined) throw notFound("payment", id);
  return row;
}

/** What a new payment says beyond its invoice: who collects it, how, and how much. */
type NewPayment = Pick<Insertable<PaymentTable>, "provider" | "method" | "origin" | "currency" | "amount"> &
  Partial<Pick<Insertable<PaymentTable>, "reference" | "payment_method_id" | "provider_payment_id">>;

/** Records a payment of the invoice as pending: its outcome is recorded next, once. */
export async function insertPendingPayment(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoice: { id: string; customer_id: string },
  payment: NewPayment,
): Promise<PaymentRow> {
  const now = context.clock.now();
  return insertTenantRow(transaction, context, "payments", "payment", now, {
    customer_id: invoice.customer_id,
    invoice_id: invoice.id,
    status: "pending",
    ...payment,
    created_at: now,
    updated_at: now,
  });
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentPayment(row: PaymentRow): PaymentView {
  const money = (amount: string) => showMoney(amount, row.currency);
  return {
    id: row.id,
    invoice_id: row.invoice_id,
    customer_id: row.customer_id,
    provider: row.provider,
    method: row.method,
    origin: row.origin,
    status: row.status,
    currency: row.currency,
    amount: money(row.amount),
    amount_applied: money(row.amount_applied),
    amount_to_balance: money(row.amount_to_balance),
    amount_refunded: money(row.amount_refunded),
    amount_charged_back: money(row.amount_charged_back),
    reference: row.reference,
    payment_method_id: row.payment_method_id,
    provider_payment_id: row.provider_payment_id,
    failure:
      row.status === "failed"
        ? {
            code: row.failure_code,
            decline_code: row.decline_code,
            message: row.failure_message,
            hard_decline: row.hard_decline,
          }
        : null,
    received_at: iso(row.received_at),
    created_at: row.created_at.toISOString(),
  };
}

export function presentRefund(row: RefundRow): RefundView {
  const money = (amount: string) => showMoney(amount, row.currency);
  return {
    id: row.id,
    payment_id: row.payment_id,
    invoice_id: row.invoice_id,
    customer_id: row.customer_id,
    origin: row.origin,
    status: row.status,
    currency: row.currency,
    amount: money(row.amount),
    amount_from_invoice: money(row.amount_from_invoice),
    amount_from_balance: money(row.amount_from_balance),
    amount_lost: money(row.amount_lost),
    reason: row.reason,
    provider_refund_id: row.provider_refund_id,
    failure_message: row.failure_message,
    refunded_at: iso(row.refunded_at),
    created_at: row.created_at.toISOString(),
  };
}

export function presentDispute(row: DisputeRow): DisputeView {
  const money = (amount: string) => showMoney(amount, row.currency);
  return {
    id: row.id,
    payment_id: row.payment_id,
    invoice_id: row.invoice_id,
    provider_dispute_id: row.provider_dispute_id,
    currency: row.currency,
    amount: money(row.amount),
    reason: row.reason,
    status: row.status,
    opened_at: row.opened_at.toISOString(),
    closed_at: iso(row.closed_at),
    amount_from_balance: money(row.amount_from_balance),
    amount_lost: money(row.amount_lost),
  };
}

export async function getPayment(context: RequestContext, id: string): Promise<PaymentDetailView> {
  const row = await findPaymentRow(context.database, context, id);
  const [refunds, disputes] = await Promise.all([
    selectInTenant(context.database, context, "refunds").where("payment_id", "=", id).orderBy("id").execute(),
    selectInTenant(context.database, context, "payment_disputes")
      .where("payment_id", "=", id)
      .orderBy("id")
      .execute(),
  ]);
  return {
    ...presentPayment(row),
    refunds: refunds.map(presentRefund),
    disputes: disputes.map(presentDispute),
  };
}

/** What `?sort=` orders payments by. */
const paymentSortColumns: Record<PaymentSortField, SortColumn> = {
  amount: { expression: sql`amount`, type: "numeric" },
  status: { expression: sql`status`, type: "text" },
  // A payment not received yet (pending, failed) sorts by when it was made, as the console shows it.
  received_at: { expression: sql`coalesce(received_at, created_at)`, type: "timestamptz" },
  created_at: { expression: sql`created_at`, type: "timestamptz" },
};

export async function listPayments(
  context: RequestContext,
  filters: PaymentListFilters,
  page: PageRequest,
): Promise<(PaymentRow & SortKeyed)[]> {
  let query = sortedPage(selectPayments(context.database, context), page, paymentSortColumns);
  if (filters.invoice_id !== undefined) query = query.where("invoice_id", "=", filters.invoice_id);
  if (filters.customer_id !== undefined) query = query.where("customer_id", "=", filters.customer_id);
  if (filters.status !== undefined) query = query.where("status", "=", filters.status);
  return query.execute();
}
