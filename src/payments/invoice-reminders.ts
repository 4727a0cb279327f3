// A payment reminder sent on request (billing ops chasing an invoice by hand,
// one or many at once): the same email the dunning campaign sends, the invoice
// again while it is not yet due, the dunning reminder once it is overdue, and
// an audit entry naming who asked. Only an invoice still owed gets one.
import { recordAuditEvent } from "../audit/index.ts";
import { daysOverdue } from "../core/index.ts";
import { amountRemaining, lockInvoice } from "../invoicing/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import { conflict } from "../platform/errors.ts";
import { sendDunningReminder } from "./payment-announcements.ts";

export type SentReminder = {
  invoice_id: string;
  email_id: string;
  template: "invoice_issued" | "dunning_reminder";
  days_overdue: number;
};

export async function sendInvoiceReminder(context: RequestContext, invoiceId: string): Promise<SentReminder> {
  return context.database.transaction().execute(async (transaction) => {
    const invoice = await lockInvoice(transaction, context, invoiceId);
    const owed =
      (invoice.status === "open" || invoice.status === "partially_paid") &&
      !amountRemaining(invoice).isZero();
    if (!owed) {
      throw conflict(
        "invoice_not_owed",
        `Invoice ${invoiceId} is ${invoice.status.replaceAll("_", " ")}; only an open or partly paid invoice ` +
          "with something left to pay gets a reminder.",
      );
    }
    const days = daysOverdue(invoice.due_at?.getTime() ?? null, context.clock.now().getTime());
    // Numbered after the reminders its dunning campaign has sent (none when it is in none).
    const earlier = await transaction
      .selectFrom("dunning_steps")
      .innerJoin("dunning_processes", "dunning_processes.id", "dunning_steps.process_id")
      .select((select) => select.fn.countAll<string>().as("count"))
      .where(inTenant(context, "dunning_steps"))
      .where("dunning_processes.invoice_id", "=", invoiceId)
      .where("dunning_steps.kind", "in", ["reminder_before_due", "reminder_after_due"])
      .where("dunning_steps.status", "=", "done")
      .executeTakeFirstOrThrow();
    const sent = await sendDunningReminder(transaction, context, invoice, {
      daysAfterDue: days > 0 ? days : -1,
      reminderNumber: Number(earlier.count) + 1,
    });
    if (sent === null) {
      throw conflict(
        "customer_without_email",
        `The customer of invoice ${invoiceId} has no email address; add one to send a reminder.`,
      );
    }
    const reminder: SentReminder = {
      invoice_id: invoiceId,
      email_id: sent.id,
      template: days > 0 ? "dunning_reminder" : "invoice_issued",
      days_overdue: Math.max(days, 0),
    };
    await recordAuditEvent(transaction, context, {
      action: "invoice.reminder_sent",
      objectType: "invoice",
      objectId: invoiceId,
      before: null,
      after: {
        email_id: reminder.email_id,
        template: reminder.template,
        days_overdue: reminder.days_overdue,
      },
    });
    return reminder;
  });
}
