// The webhook events alerts sends when a rule fires, one type per kind of
// rule, each carrying the trigger as the API shows it (with the ids of this
// event and of the customer's email) and the rule that fired.
import { Type } from "typebox";
import { defineWebhookEvent } from "../notifications/index.ts";
import { AlertRuleSchema, AlertTriggerSchema } from "./alert-schemas.ts";
import type { AlertKind } from "./tables.ts";

const AlertTriggerWithRule = Type.Intersect([AlertTriggerSchema, Type.Object({ alert: AlertRuleSchema })], {
  title: "AlertTriggerWithRule",
  description: "the trigger, and in `alert` the rule that fired",
});

const alertTriggered = defineWebhookEvent(
  "alert.triggered",
  AlertTriggerWithRule,
  "A spend alert fired: the billing period's cost so far reached the rule's threshold (once per period).",
);

const usageThresholdReached = defineWebhookEvent(
  "usage.threshold_reached",
  AlertTriggerWithRule,
  "A usage alert fired: a meter's quantity in the billing period reached the rule's threshold (once per period).",
);

const creditBalanceLow = defineWebhookEvent(
  "credit.balance_low",
  AlertTriggerWithRule,
  "A credit balance alert fired: the credits usable now fell below the rule's threshold (once per fall).",
);

const allowanceThresholdReached = defineWebhookEvent(
  "allowance.threshold_reached",
  AlertTriggerWithRule,
  "An allowance alert fired: the billing period used the rule's percent of a pricing unit's allowance (once per period).",
);

/** The event each kind of rule sends when it fires. */
export const alertFiredEvents: Record<AlertKind, typeof alertTriggered> = {
  spend: alertTriggered,
  usage: usageThresholdReached,
  credit_balance: creditBalanceLow,
  allowance: allowanceThresholdReached,
};

export const alertWebhookEvents = [
  alertTriggered,
  usageThresholdReached,
  creditBalanceLow,
  allowanceThresholdReached,
];
