// Running dunning on the environment's clock. The bill run's schedule (every
// minute) and the test clock (when it is advanced) call enqueueDueDunning:
// one job per invoice whose next step has come, which runs that invoice's due
// steps in order: a retry charges the payment method again, a reminder
// emails the customer, the final action gives up on the invoice as the
// campaign says. Each step is marked done in the transaction that does it,
// and a retry is tied to its payment before the provider is called, so a job
// run twice does each step once.
import type { Selectable } from "kysely";
import { recordAuditEvent } from "../audit/index.ts";
import type { InvoiceRow } from "../invoicing/index.ts";
import { findInvoiceRow, lockInvoice, markInvoiceUncollectible } from "../invoicing/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { FairbillError } from "../platform/errors.ts";
import { enqueueJob } from "../platform/jobs/job-queue.ts";
import { cancelSubscription, pauseSubscription } from "../subscriptions/index.ts";
import { attemptCollection, chargePayment } from "./collection.ts";
import {
  closeDunningProcess,
  customerDunningSettings,
  type DunningProcessRow,
  lockDunningProcess,
  refreshNextStep,
} from "./dunning-lifecycle.ts";
import { compareSteps } from "./dunning-schedule.ts";
import { sendDunningReminder } from "./payment-announcements.ts";
import { dunningStepsJobKind } from "./payment-job-payloads.ts";
import { findPaymentRow } from "./payment-store.ts";
import type { DunningStepTable } from "./tables.ts";

type StepRow = Selectable<DunningStepTable>;

/**
 * Queues a job for every invoice of the environment with a dunning step due
 * at `at` (the environment's now). Asking again for the same due step makes
 * no second job. Returns how many jobs were new.
 */
export async function enqueueDueDunning(database: Database, scope: TenantScope, at: Date): Promise<number> {
  const due = await database
    .selectFrom("dunning_processes")
    .select(["id", "next_step_at"])
    .where(inTenant(scope))
    .where("status", "=", "active")
    .where("next_step_at", "<=", at)
    .execute();
  let created = 0;
  for (const process of due) {
    const job = await enqueueJob(database, {
      kind: dunningStepsJobKind,
      payload: { processId: process.id },
      scope: { organizationId: scope.organizationId, environmentId: scope.environmentId },
      // Due at once by the database's clock: the step is due on the environment's clock already.
      uniqueKey: `${dunningStepsJobKind}:${process.id}:${process.next_step_at?.toISOString()}`,
    });
    if (job.created) created += 1;
  }
  return created;
}

type StepResult = { status: "done" | "skipped"; outcome: string; paymentId?: string };

/** Runs, in order, every step of the invoice's dunning that is due at the context's now. */
export async function runDueDunningSteps(context: RequestContext, processId: string): Promise<void> {
  for (;;) {
    const now = context.clock.now();
    const process = await selectInTenant(context.database, context, "dunning_processes")
      .where("id", "=", processId)
      .executeTakeFirst();
    if (process === undefined || process.status !== "active") return;
    const due = await context.database
      .selectFrom("dunning_steps")
      .selectAll()
      .where("process_id", "=", processId)
      .where("status", "=", "pending")
      .where("due_at", "<=", now)
      .execute();
    const step = due.map((row) => ({ ...row, dueAt: row.due_at })).sort(compareSteps)[0];
    if (step === undefined) {
      await refreshNextStep(context.database, processId, now);
      return;
    }
    const invoice = await findInvoiceRow(context.database, context, process.invoice_id);
    if (invoice.status !== "open" && invoice.status !== "partially_paid") {
      await stopForInvoice(context, process, invoice);
      return;
    }
    const settings = await customerDunningSettings(context.database, context, process.customer_id);
    const result: StepResult =
      settings?.exempt === true
        ? { status: "skipped", outcome: "the customer is exempt from dunning" }
        : await runStep(context, process, step, invoice);
    await context.database.transaction().execute(async (transaction) => {
      await transaction
        .updateTable("dunning_steps")
        .set({
          status: result.status,
          outcome: result.outcome,
          completed_at: context.clock.now(),
          ...(result.paymentId === undefined ? {} : { payment_id: result.paymentId }),
        })
        .where("id", "=", step.id)
        .where("status", "=", "pending")
        .execute();
      await refreshNextStep(transaction, processId, context.clock.now());
    });
  }
}

async function stopForInvoice(context: RequestContext, process: DunningProcessRow, invoice: InvoiceRow) {
  await context.database.transaction().execute(async (transaction) => {
    const locked = await lockDunningProcess(transaction, context, { processId: process.id });
    if (locked === undefined) return;
    await closeDunningProcess(transaction, context, locked, {
      status: invoice.status === "paid" ? "recovered" : "stopped",
      reason: `the invoice is ${invoice.status.replaceAll("_", " ")}`,
      // A voided invoice is owed by nobody; an uncollectible one still is.
      unblockEntitlements: invoice.status !== "uncollectible",
    });
  });
}

async function runStep(
  context: RequestContext,
  process: DunningProcessRow,
  step: StepRow,
  invoice: InvoiceRow,
): Promise<StepResult> {
  switch (step.kind) {
    case "reminder_before_due":
    case "reminder_after_due":
      return sendReminder(context, process, step, invoice);
    case "retry":
      return retryPayment(context, process, step);
    case "final_action":
      return takeFinalAction(context, process, step, invoice);
  }
}

async function sendReminder(
  context: RequestContext,
  process: DunningProcessRow,
  step: StepRow,
  invoice: InvoiceRow,
): Promise<StepResult> {
  const sent = await context.database.transaction().execute(async (transaction) => {
    const earlier = await transaction
      .selectFrom("dunning_steps")
      .select((select) => select.fn.countAll<string>().as("count"))
      .where("process_id", "=", process.id)
      .where("kind", "in", ["reminder_before_due", "reminder_after_due"])
      .where("status", "=", "done")
      .executeTakeFirstOrThrow();
    return sendDunningReminder(transaction, context, invoice, {
      daysAfterDue: step.kind === "reminder_before_due" ? -step.day_number : step.day_number,
      reminderNumber: Number(earlier.count) + 1,
    });
  });
  return sent === null
    ? { status: "skipped", outcome: "the customer has no email address" }
    : { status: "done", outcome: `reminder emailed (${sent.id})` };
}

async function retryPayment(
  context: RequestContext,
  process: DunningProcessRow,
  step: StepRow,
): Promise<StepResult> {
  if (process.hard_declined) {
    return { status: "skipped", outcome: "not retried: the payment method was hard declined" };
  }
  // A run cut short after the attempt was stored resumes that attempt instead of making another.
  if (step.payment_id !== null) {
    const earlier = await findPaymentRow(context.database, context, step.payment_id);
    const payment =
      earlier.status === "pending" && earlier.provider_payment_id === null
        ? await chargePayment(context, earlier)
        : earlier;
    return { status: "done", outcome: `retried: payment ${payment.status}`, paymentId: payment.id };
  }
  const outcome = await attemptCollection(context, process.invoice_id, {
    origin: "dunning_retry",
    dunningStepId: step.id,
  });
  if (!outcome.attempted) return { status: "skipped", outcome: `not retried: ${outcome.reason}` };
  return {
    status: "done",
    outcome: `retried: payment ${outcome.payment.status}`,
    paymentId: outcome.payment.id,
  };
}

/**
 * A refusal from the subscription domain (already paused, already canceled,
 * ended) means there is nothing left to do; it is kept as the outcome.
 */
async function settled(action: () => Promise<unknown>, done: string): Promise<string> {
  try {
    await action();
    return done;
  } catch (error) {
    if (error instanceof FairbillError && error.status < 500) return error.detail;
    throw error;
  }
}

async function takeFinalAction(
  context: RequestContext,
  process: DunningProcessRow,
  step: StepRow,
  invoice: InvoiceRow,
): Promise<StepResult> {
  const outcomes: string[] = [];
  const subscriptions = invoice.subscription_ids;
  if (process.final_action === "pause_subscription" || process.final_action === "cancel_subscription") {
    if (subscriptions.length === 0) outcomes.push("the invoice has no subscription to act on");
    for (const subscriptionId of subscriptions) {
      outcomes.push(
        process.final_action === "pause_subscription"
          ? await settled(
              () => pauseSubscription(context, subscriptionId, {}),
              `subscription ${subscriptionId} paused`,
            )
          : await settled(
              () => cancelSubscription(context, subscriptionId, { mode: "immediate" }),
              `subscription ${subscriptionId} canceled`,
            ),
      );
    }
  }
  // The invoice is locked before the process, in the order payments lock them, so the two never deadlock.
  const taken = await context.database.transaction().execute(async (transaction) => {
    const current = await lockInvoice(transaction, context, invoice.id);
    const locked = await lockDunningProcess(transaction, context, { processId: process.id });
    if (locked === undefined || locked.status !== "active") return false;
    if (current.status !== "open" && current.status !== "partially_paid") {
      // Paid (or voided) since the step began: there is nothing to give up on.
      await closeDunningProcess(transaction, context, locked, {
        status: current.status === "paid" ? "recovered" : "stopped",
        reason: `the invoice is ${current.status.replaceAll("_", " ")}`,
        unblockEntitlements: current.status !== "uncollectible",
      });
      return false;
    }
    if (process.final_action === "mark_uncollectible") {
      await markInvoiceUncollectible(transaction, context, invoice.id);
      outcomes.push("invoice marked uncollectible");
    }
    if (process.final_action === "block_entitlements") {
      await transaction
        .updateTable("dunning_processes")
        .set({ entitlements_blocked: true })
        .where("id", "=", process.id)
        .execute();
      outcomes.push("the customer's entitlements are blocked until the invoice is paid");
    }
    if (process.final_action === "none") outcomes.push("the campaign has no final action");
    await recordAuditEvent(transaction, context, {
      action: "dunning.final_action_taken",
      objectType: "invoice",
      objectId: invoice.id,
      before: null,
      after: {
        final_action: process.final_action,
        outcome: outcomes.join("; "),
        campaign_id: process.campaign_id,
      },
    });
    // Done before the process closes, which skips whatever is still pending.
    await transaction
      .updateTable("dunning_steps")
      .set({ status: "done", outcome: outcomes.join("; "), completed_at: context.clock.now() })
      .where("id", "=", step.id)
      .execute();
    await closeDunningProcess(transaction, context, locked, {
      status: "ended",
      reason: `the final action was taken (${process.final_action.replaceAll("_", " ")})`,
      unblockEntitlements: false,
    });
    return true;
  });
  return taken
    ? { status: "done", outcome: outcomes.join("; ") }
    : { status: "skipped", outcome: "not taken: the invoice no longer needs collecting" };
}
