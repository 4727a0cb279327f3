// A payment's disputes (chargebacks) as the provider reports them, from
// opening to close. Every report (created, updated, closed, funds withdrawn or
// reinstated) carries the dispute as it stands: the first one Fairbill hears
// records it (and tells the customer), whatever its order; later ones move its
// status, except that a report older than the status held changes nothing and
// a closed dispute stays closed. Closing it lost takes the money back once
// (billing rule 30): from the customer balance what the payment's invoice put
// there and it still holds, the rest a loss on the payment, the invoice kept
// as it was paid with the date it was lost; won or lost, it is announced once.
import { recordAuditEvent } from "../audit/index.ts";
import { type Decimal, splitLostDispute } from "../core/index.ts";
import { lockInvoice, recordPaymentDisputeLost } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { newTenantRow, updateTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { announceDispute, announceDisputeClosed } from "./payment-announcements.ts";
import type { DisputeRow, PaymentRow } from "./payment-store.ts";
import { moneyGivenBackSources, takeBackFromBalance } from "./refunds.ts";

/** The provider's statuses a dispute ends with; every other status is still open. */
const closingStatuses = new Set(["won", "lost", "warning_closed", "prevented"]);

/** A dispute as one of the provider's reports has it. */
export type DisputeReport = {
  providerDisputeId: string;
  currency: string;
  amount: Decimal;
  reason: string;
  status: string;
  openedAt: Date;
  /** When the provider made the report (its event's time). */
  reportedAt: Date;
};

/** What a report does to the dispute Fairbill holds: nothing, a new open status, or its close. */
function disputeChange(
  held: Pick<DisputeRow, "status" | "status_changed_at" | "closed_at">,
  report: Pick<DisputeReport, "status" | "reportedAt">,
): "none" | "update" | "close" {
  if (held.closed_at !== null) return "none";
  // A close is final whenever it arrives; an open status only replaces an older one.
  if (closingStatuses.has(report.status)) return "close";
  if (report.status === held.status || report.reportedAt < held.status_changed_at) return "none";
  return "update";
}

async function lockDispute(
  transaction: DatabaseTransaction,
  context: RequestContext,
  providerDisputeId: string,
): Promise<DisputeRow | undefined> {
  return selectInTenant(transaction, context, "payment_disputes")
    .where("provider_dispute_id", "=", providerDisputeId)
    .forUpdate()
    .executeTakeFirst();
}

/** The dispute, recorded (and the customer told) by the first report of it that arrives. */
async function recordedDispute(
  transaction: DatabaseTransaction,
  context: RequestContext,
  payment: PaymentRow,
  report: DisputeReport,
): Promise<DisputeRow> {
  const held = await lockDispute(transaction, context, report.providerDisputeId);
  if (held !== undefined) return held;
  const now = context.clock.now();
  const stored = await transaction
    .insertInto("payment_disputes")
    .values({
      ...newTenantRow(context, "paymentDispute", now),
      payment_id: payment.id,
      invoice_id: payment.invoice_id,
      customer_id: payment.customer_id,
      provider_dispute_id: report.providerDisputeId,
      currency: report.currency,
      amount: report.amount.toFixed(),
      reason: report.reason,
      // Open until its close is applied below, even when the first report is the close.
      status: closingStatuses.has(report.status) ? "needs_response" : report.status,
      status_changed_at: report.openedAt,
      opened_at: report.openedAt,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflicting) => conflicting.columns(["environment_id", "provider_dispute_id"]).doNothing())
    .returningAll()
    .executeTakeFirst();
  // Recorded meanwhile by another delivery of the same dispute, which this one waited for.
  if (stored === undefined)
    return (await lockDispute(transaction, context, report.providerDisputeId)) as DisputeRow;
  await recordAuditEvent(transaction, context, {
    action: "payment.disputed",
    objectType: "payment",
    objectId: payment.id,
    before: null,
    after: {
      dispute_id: stored.id,
      provider_dispute_id: report.providerDisputeId,
      amount: stored.amount,
      currency: stored.currency,
      reason: stored.reason,
    },
  });
  const invoice = await lockInvoice(transaction, context, payment.invoice_id);
  await announceDispute(
    transaction,
    context,
    { amount: stored.amount, currency: stored.currency, reason: stored.reason, openedAt: stored.opened_at },
    payment,
    invoice,
  );
  return stored;
}

/** Applies a provider's report of a dispute of `payment` (locked by the caller). */
export async function recordDisputeReport(
  transaction: DatabaseTransaction,
  context: RequestContext,
  payment: PaymentRow,
  report: DisputeReport,
): Promise<void> {
  const dispute = await recordedDispute(transaction, context, payment, report);
  const change = disputeChange(dispute, report);
  if (change === "none") return;
  const now = context.clock.now();
  if (change === "update") {
    const updated = await updateTenantRow(transaction, context, "payment_disputes", dispute.id, {
      status: report.status,
      status_changed_at: report.reportedAt,
      updated_at: now,
    });
    await auditStatus(transaction, context, dispute, updated);
    return;
  }
  if (report.status !== "lost") {
    const closed = await updateTenantRow(transaction, context, "payment_disputes", dispute.id, {
      status: report.status,
      status_changed_at: report.reportedAt,
      closed_at: report.reportedAt,
      updated_at: now,
    });
    await auditStatus(transaction, context, dispute, closed);
    if (closed.status === "won") await announceDisputeClosed(transaction, context, closed, payment);
    return;
  }
  await closeLost(transaction, context, payment, dispute, report);
}

async function closeLost(
  transaction: DatabaseTransaction,
  context: RequestContext,
  payment: PaymentRow,
  dispute: DisputeRow,
  report: DisputeReport,
): Promise<void> {
  const now = context.clock.now();
  const { fromBalance, lost } = splitLostDispute(
    report.amount,
    await moneyGivenBackSources(transaction, context, payment),
  );
  await takeBackFromBalance(
    transaction,
    context,
    payment,
    fromBalance,
    `dispute ${report.providerDisputeId} of payment ${payment.id} lost`,
  );
  const closed = await updateTenantRow(transaction, context, "payment_disputes", dispute.id, {
    status: "lost",
    amount: report.amount.toFixed(),
    status_changed_at: report.reportedAt,
    closed_at: report.reportedAt,
    amount_from_balance: fromBalance.toFixed(),
    amount_lost: lost.toFixed(),
    updated_at: now,
  });
  const chargedBack = await updateTenantRow(transaction, context, "payments", payment.id, {
    amount_charged_back: report.amount.plus(payment.amount_charged_back).toFixed(),
    updated_at: now,
  });
  await recordPaymentDisputeLost(transaction, context, payment.invoice_id, report.reportedAt);
  await auditStatus(transaction, context, dispute, closed);
  await announceDisputeClosed(transaction, context, closed, chargedBack);
}

async function auditStatus(
  transaction: DatabaseTransaction,
  context: RequestContext,
  before: DisputeRow,
  after: DisputeRow,
): Promise<void> {
  await recordAuditEvent(transaction, context, {
    action: after.closed_at === null ? "payment.dispute_updated" : "payment.dispute_closed",
    objectType: "payment",
    objectId: after.payment_id,
    before: { dispute_id: before.id, status: before.status },
    after: {
      dispute_id: after.id,
      provider_dispute_id: after.provider_dispute_id,
      status: after.status,
      closed_at: after.closed_at?.toISOString() ?? null,
      amount_from_balance: after.amount_from_balance,
      amount_lost: after.amount_lost,
    },
  });
}
