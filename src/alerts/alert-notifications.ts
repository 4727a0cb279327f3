// Telling the world an alert fired, inside the transaction that records the
// firing (so it is told if and only if the firing is recorded, and once):
// an email to the customer when the rule asks for one and the customer has an
// address, and a webhook event carrying the trigger (with both ids) and its rule.
import type { Selectable } from "kysely";
import type { Customer } from "../customers/index.ts";
import { newWebhookEventId, publishEvent, queueCustomerEmail } from "../notifications/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { DatabaseTransaction } from "../platform/database/schema.ts";
import { type AlertRuleRow, formatMeasure, presentAlertRule, presentAlertTrigger } from "./alert-rules.ts";
import type { AlertTrigger } from "./alert-schemas.ts";
import { alertFiredEvents } from "./alert-webhook-events.ts";
import type { AlertTriggerTable } from "./tables.ts";

/** Publishes the firing and emails the customer; returns the trigger with the ids of both. */
export async function announceTrigger(
  transaction: DatabaseTransaction,
  context: RequestContext,
  input: {
    rule: AlertRuleRow;
    customer: Customer;
    trigger: Selectable<AlertTriggerTable>;
    /** The meter's name for a usage alert's email. */
    meterName?: string;
  },
): Promise<AlertTrigger> {
  const { rule, customer, trigger } = input;
  const presented = presentAlertTrigger(trigger);
  let emailId: string | null = null;
  if (rule.email_customer) {
    const email =
      rule.kind === "credit_balance"
        ? await queueCustomerEmail(transaction, context, customer, "credit_balance_low", {
            credit: { balance: presented.value, threshold: presented.threshold, unit: rule.currency ?? "" },
          })
        : await queueCustomerEmail(transaction, context, customer, "usage_alert", {
            alert: {
              measure: measureName(rule, input.meterName),
              value: rule.kind === "allowance" ? `${trigger.value}%` : withUnit(trigger.value, rule.currency),
              threshold:
                rule.kind === "allowance"
                  ? `${trigger.threshold}%`
                  : withUnit(trigger.threshold, rule.currency),
              period_from: localDay(trigger.period_start, customer.timezone, 0),
              // The period's end is exclusive: its last day is the day before.
              period_to: localDay(trigger.period_end, customer.timezone, -1),
            },
          });
    emailId = email?.id ?? null;
  }
  // The event carries the trigger as the API shows it once announced: with its own id and the email's.
  const eventId = newWebhookEventId(context.clock.now());
  const announced: AlertTrigger = { ...presented, webhook_event_id: eventId, email_id: emailId };
  await publishEvent(
    transaction,
    context,
    alertFiredEvents[rule.kind],
    { ...announced, alert: presentAlertRule(rule) },
    { id: eventId },
  );
  await transaction
    .updateTable("alert_triggers")
    .set({ webhook_event_id: eventId, email_message_id: emailId })
    .where("id", "=", trigger.id)
    .execute();
  return announced;
}

function measureName(rule: AlertRuleRow, meterName: string | undefined): string {
  if (rule.kind === "spend") return "Spend";
  if (rule.kind === "allowance") return `Allowance of ${rule.pricing_unit} used`;
  return `Usage of ${meterName ?? rule.meter_code}`;
}

function withUnit(amount: string, currency: string | null): string {
  return currency === null ? formatMeasure(amount, null) : `${formatMeasure(amount, currency)} ${currency}`;
}

function localDay(value: Date | null, timeZone: string, shiftMilliseconds: number): string {
  if (value === null) return "";
  return new Date(value.getTime() + shiftMilliseconds).toLocaleDateString("en-CA", { timeZone });
}
