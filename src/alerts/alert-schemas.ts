// The JSON shapes of alert rules and their triggers on the API.
import { type Static, Type } from "typebox";
import {
  CurrencyCode,
  DecimalString,
  NonEmptyId,
  NonNegativeDecimalString,
  Nullable,
  StringEnum,
  Timestamp,
} from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { alertKinds } from "./tables.ts";

const AlertName = Type.String({ minLength: 1, maxLength: 200, description: "a label of your own" });
const Threshold = {
  ...NonNegativeDecimalString,
  description:
    "more than 0: money in the rule's currency (spend, credit_balance, no more digits than the currency has), " +
    "a quantity of the meter (usage), or the percent of the allowance used (allowance, at most 100, two decimals)",
};

export const CreateAlertRuleBody = StrictObject({
  kind: StringEnum(alertKinds, {
    description:
      "spend: the current billing period's cost so far reaches the threshold; usage: a meter's quantity in " +
      "the current billing period reaches it; credit_balance: the credits usable now fall below it; " +
      "allowance: the current billing period has used this percent of a pricing unit's allowance (granted and rolled over)",
  }),
  threshold: Threshold,
  currency: Type.Optional({
    ...CurrencyCode,
    description:
      "spend and credit_balance: the money the threshold is in; the subscription's currency, else the " +
      "customer's, when left out",
  }),
  meter: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: "usage: the code of the meter to count" }),
  ),
  unit: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: "allowance: the code of the pricing unit whose allowance is watched (credits)",
    }),
  ),
  subscription_id: Type.Optional({
    ...NonEmptyId,
    description:
      "spend and usage: watch this subscription of the customer only; when left out, the subscription " +
      "whose current period ends first (spend: every subscription on that upcoming invoice)",
  }),
  name: Type.Optional(AlertName),
  email_customer: Type.Optional(
    Type.Boolean({ description: "also email the customer when the alert fires; default true" }),
  ),
  enabled: Type.Optional(Type.Boolean({ description: "default true" })),
});
export type CreateAlertRuleInput = Static<typeof CreateAlertRuleBody>;

export const UpdateAlertRuleBody = StrictObject({
  threshold: Type.Optional(Threshold),
  name: Type.Optional(Nullable(AlertName)),
  email_customer: Type.Optional(Type.Boolean()),
  enabled: Type.Optional(Type.Boolean()),
});
export type UpdateAlertRuleInput = Static<typeof UpdateAlertRuleBody>;

export const AlertRuleSchema = Type.Object(
  {
    id: Type.String(),
    customer_id: Type.String(),
    subscription_id: Nullable(Type.String()),
    kind: StringEnum(alertKinds),
    name: Nullable(Type.String()),
    meter: Nullable(Type.String()),
    unit: Nullable(Type.String({ description: "allowance: the pricing unit watched" })),
    currency: Nullable(Type.String()),
    threshold: DecimalString,
    email_customer: Type.Boolean(),
    enabled: Type.Boolean(),
    below_threshold: Type.Boolean({
      description: "credit_balance: fired and waiting for the balance to be back at or above the threshold",
    }),
    created_by: Type.Object({
      type: Type.String({ description: "api_key, portal or system" }),
      id: Type.String(),
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "AlertRule" },
);
export type AlertRule = Static<typeof AlertRuleSchema>;

export const AlertTriggerSchema = Type.Object(
  {
    id: Type.String(),
    alert_id: Type.String(),
    customer_id: Type.String(),
    subscription_id: Nullable(Type.String()),
    kind: StringEnum(alertKinds),
    threshold: DecimalString,
    value: {
      ...DecimalString,
      description: "what crossed the threshold: money, a quantity, a balance or a percent of an allowance",
    },
    currency: Nullable(Type.String()),
    meter: Nullable(Type.String()),
    unit: Nullable(Type.String()),
    period_start: Nullable(Timestamp),
    period_end: Nullable(Timestamp),
    webhook_event_id: Nullable(Type.String()),
    email_id: Nullable(Type.String({ description: "the email to the customer, when one was sent" })),
    triggered_at: Timestamp,
  },
  { title: "AlertTrigger" },
);
export type AlertTrigger = Static<typeof AlertTriggerSchema>;

export const CustomerAlertListQuery = Type.Object({ kind: Type.Optional(StringEnum(alertKinds)) });
export type CustomerAlertListFilters = Static<typeof CustomerAlertListQuery>;

export const AlertListQuery = Type.Object({
  customer_id: Type.Optional(NonEmptyId),
  kind: Type.Optional(StringEnum(alertKinds)),
});
export type AlertListFilters = Static<typeof AlertListQuery>;
