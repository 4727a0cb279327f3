// The dunning of one invoice, as payments and invoicing move it: started when
// an invoice asking for money is finalized (its reminders planned), given its
// retries by the first failed payment, told of hard declines (retries are
// skipped, the deadline stays), and ended when the invoice is paid or billing
// ops stop chasing it. The steps themselves run in dunning-runner.ts.
import type { Selectable } from "kysely";
import { recordAuditEvent } from "../audit/index.ts";
import type { InvoiceRow } from "../invoicing/index.ts";
import { amountRemaining } from "../invoicing/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { newTenantRow } from "../platform/database/tenant-rows.ts";
import { selectInTenant } from "../platform/database/tenant-scope.ts";
import { finalActionDueAt, type PlannedStep, reminderSteps, retrySteps } from "./dunning-schedule.ts";
import type { PaymentRow } from "./payment-store.ts";
import type { DunningCampaignTable, DunningProcessTable } from "./tables.ts";

export type DunningProcessRow = Selectable<DunningProcessTable>;
type CampaignRow = Selectable<DunningCampaignTable>;

/** The customer's dunning settings; a customer never given any has the environment's default campaign. */
export async function customerDunningSettings(database: Database, scope: TenantScope, customerId: string) {
  return selectInTenant(database, scope, "customer_dunning_settings")
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
}

/** The campaign the customer's invoices follow: their own, or the default; none when exempt or when there is none. */
async function campaignFor(
  database: Database,
  scope: TenantScope,
  customerId: string,
): Promise<CampaignRow | null> {
  const settings = await customerDunningSettings(database, scope, customerId);
  if (settings?.exempt === true) return null;
  const campaignId = settings?.campaign_id ?? null;
  const query = selectInTenant(database, scope, "dunning_campaigns");
  const chosen =
    campaignId === null ? query.where("is_default", "=", true) : query.where("id", "=", campaignId);
  return (await chosen.executeTakeFirst()) ?? null;
}

export async function lockDunningProcess(
  transaction: Database,
  scope: TenantScope,
  where: { invoiceId: string } | { processId: string },
): Promise<DunningProcessRow | undefined> {
  const query = selectInTenant(transaction, scope, "dunning_processes");
  return (
    "invoiceId" in where
      ? query.where("invoice_id", "=", where.invoiceId)
      : query.where("id", "=", where.processId)
  )
    .forUpdate()
    .executeTakeFirst();
}

async function insertSteps(
  transaction: Database,
  context: RequestContext,
  processId: string,
  steps: readonly PlannedStep[],
): Promise<void> {
  if (steps.length === 0) return;
  const now = context.clock.now();
  await transaction
    .insertInto("dunning_steps")
    .values(
      steps.map((step) => ({
        ...newTenantRow(context, "dunningStep", now),
        process_id: processId,
        kind: step.kind,
        day_number: step.dayNumber,
        due_at: step.dueAt,
        status: "pending" as const,
      })),
    )
    .onConflict((conflicting) => conflicting.columns(["process_id", "kind", "day_number"]).doNothing())
    .execute();
}

/** Puts the final action at the last retry or reminder after the due date (see dunning-schedule.ts). */
async function scheduleFinalAction(
  transaction: Database,
  context: RequestContext,
  processId: string,
): Promise<void> {
  const steps = await transaction
    .selectFrom("dunning_steps")
    .select(["kind", "due_at", "status"])
    .where("process_id", "=", processId)
    .execute();
  const dueAt = finalActionDueAt(steps.map((step) => ({ kind: step.kind, dueAt: step.due_at })));
  if (dueAt === null) return;
  const existing = steps.find((step) => step.kind === "final_action");
  if (existing === undefined) {
    await insertSteps(transaction, context, processId, [{ kind: "final_action", dayNumber: 0, dueAt }]);
  } else if (existing.status === "pending") {
    await transaction
      .updateTable("dunning_steps")
      .set({ due_at: dueAt })
      .where("process_id", "=", processId)
      .where("kind", "=", "final_action")
      .execute();
  }
}

/** Keeps the process's next step instant (what the scheduler looks at) equal to its earliest pending step. */
export async function refreshNextStep(transaction: Database, processId: string, now: Date): Promise<void> {
  const next = await transaction
    .selectFrom("dunning_steps")
    .select((select) => select.fn.min("due_at").as("due_at"))
    .where("process_id", "=", processId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  await transaction
    .updateTable("dunning_processes")
    .set({ next_step_at: next?.due_at ?? null, updated_at: now })
    .where("id", "=", processId)
    .execute();
}

async function createProcess(
  transaction: Database,
  context: RequestContext,
  invoice: InvoiceRow,
  campaign: CampaignRow,
): Promise<DunningProcessRow> {
  const now = context.clock.now();
  await transaction
    .insertInto("dunning_processes")
    .values({
      ...newTenantRow(context, "dunningProcess", now),
      invoice_id: invoice.id,
      customer_id: invoice.customer_id,
      campaign_id: campaign.id,
      retry_schedule_days: JSON.stringify(campaign.retry_schedule_days),
      final_action: campaign.final_action,
      status: "active",
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflicting) => conflicting.columns(["environment_id", "invoice_id"]).doNothing())
    .execute();
  const process = await lockDunningProcess(transaction, context, { invoiceId: invoice.id });
  if (process === undefined) throw new Error(`The dunning of invoice ${invoice.id} was not stored.`);
  if (invoice.due_at !== null) {
    const reminders = reminderSteps(
      { daysBeforeDue: campaign.reminder_days_before_due, daysAfterDue: campaign.reminder_days_after_due },
      invoice.due_at,
      now,
    );
    await insertSteps(transaction, context, process.id, reminders);
  }
  await scheduleFinalAction(transaction, context, process.id);
  await refreshNextStep(transaction, process.id, now);
  return process;
}

/** At finalization: an invoice that asks for money enters its customer's campaign, with its reminders planned. */
export async function startDunning(
  transaction: Database,
  context: RequestContext,
  invoice: InvoiceRow,
): Promise<void> {
  if (amountRemaining(invoice).isZero()) return;
  const campaign = await campaignFor(transaction, context, invoice.customer_id);
  if (campaign !== null) await createProcess(transaction, context, invoice, campaign);
}

/**
 * After a failed payment: the first failure plans the retries; a hard
 * decline skips every retry still pending (the final action keeps its date).
 * Returns when the payment is tried next, or null when it is not.
 */
export async function dunningAfterFailure(
  transaction: Database,
  context: RequestContext,
  payment: PaymentRow,
  invoice: InvoiceRow,
): Promise<Date | null> {
  let process = await lockDunningProcess(transaction, context, { invoiceId: invoice.id });
  if (process === undefined) {
    const campaign = await campaignFor(transaction, context, invoice.customer_id);
    if (campaign === null) return null;
    process = await createProcess(transaction, context, invoice, campaign);
  }
  if (process.status !== "active") return null;
  const now = context.clock.now();
  if (process.first_failed_at === null) {
    await insertSteps(transaction, context, process.id, retrySteps(process.retry_schedule_days, now));
    await transaction
      .updateTable("dunning_processes")
      .set({ first_failed_at: now })
      .where("id", "=", process.id)
      .execute();
  }
  if (payment.hard_decline) {
    await transaction
      .updateTable("dunning_processes")
      .set({ hard_declined: true })
      .where("id", "=", process.id)
      .execute();
    await transaction
      .updateTable("dunning_steps")
      .set({
        status: "skipped",
        outcome: `not retried: a hard decline (${payment.decline_code ?? payment.failure_code ?? "refused"}) cannot succeed on the same payment method`,
        completed_at: now,
      })
      .where("process_id", "=", process.id)
      .where("kind", "=", "retry")
      .where("status", "=", "pending")
      .execute();
  }
  await scheduleFinalAction(transaction, context, process.id);
  await refreshNextStep(transaction, process.id, now);
  // The retry that made this payment is still pending until its job marks it done: it is not "next".
  const nextRetry = await transaction
    .selectFrom("dunning_steps")
    .select((select) => select.fn.min("due_at").as("due_at"))
    .where("process_id", "=", process.id)
    .where("kind", "=", "retry")
    .where("status", "=", "pending")
    .where((where) => where.or([where("payment_id", "is", null), where("payment_id", "!=", payment.id)]))
    .executeTakeFirst();
  return nextRetry?.due_at ?? null;
}

/** Ends the process: every pending step is skipped with `reason`. */
export async function closeDunningProcess(
  transaction: DatabaseTransaction,
  context: RequestContext,
  process: DunningProcessRow,
  outcome: { status: "recovered" | "ended" | "stopped"; reason: string; unblockEntitlements: boolean },
): Promise<void> {
  const now = context.clock.now();
  if (process.status === "active") {
    await transaction
      .updateTable("dunning_steps")
      .set({ status: "skipped", outcome: outcome.reason, completed_at: now })
      .where("process_id", "=", process.id)
      .where("status", "=", "pending")
      .execute();
    await transaction
      .updateTable("dunning_processes")
      .set({ status: outcome.status, ended_reason: outcome.reason, next_step_at: null, updated_at: now })
      .where("id", "=", process.id)
      .execute();
  }
  if (outcome.unblockEntitlements && process.entitlements_blocked) {
    await transaction
      .updateTable("dunning_processes")
      .set({ entitlements_blocked: false, updated_at: now })
      .where("id", "=", process.id)
      .execute();
    await recordAuditEvent(transaction, context, {
      action: "dunning.entitlements_unblocked",
      objectType: "customer",
      objectId: process.customer_id,
      before: { entitlements_blocked: true, invoice_id: process.invoice_id },
      after: { entitlements_blocked: false, invoice_id: process.invoice_id, reason: outcome.reason },
    });
  }
}

/** A paid invoice needs no more chasing, and access blocked for it comes back. */
export async function endDunningOfPaidInvoice(
  transaction: DatabaseTransaction,
  context: RequestContext,
  invoiceId: string,
): Promise<void> {
  const process = await lockDunningProcess(transaction, context, { invoiceId });
  if (process === undefined) return;
  await closeDunningProcess(transaction, context, process, {
    status: "recovered",
    reason: "the invoice was paid",
    unblockEntitlements: true,
  });
}
