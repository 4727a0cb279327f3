// Request and response bodies of the dunning routes: campaigns, a customer's
// dunning settings, and an invoice's dunning with its steps.
import { type Static, Type } from "typebox";
import { Name, Nullable, ObjectId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { OptionalFields, StrictObject } from "../platform/http/validation.ts";
import { finalActions } from "./tables.ts";

const Days = (description: string) =>
  Type.Array(Type.Integer({ minimum: 0, maximum: 365 }), { maxItems: 20, description });

const campaignFields = {
  name: Name,
  is_default: Type.Boolean({
    description: "the campaign of every customer given no other (one per environment)",
  }),
  retry_schedule_days: Days(
    "days after the first failed payment on which it is tried again, in increasing order, e.g. [1, 3, 5, 8]",
  ),
  reminder_days_before_due: Days("days before the due date on which the customer is reminded"),
  reminder_days_after_due: Days(
    "days after the due date on which the customer is reminded (0: on the due date)",
  ),
  final_action: StringEnum(finalActions, {
    description:
      "what happens at the last retry or reminder after the due date if the invoice is still unpaid",
  }),
};

export const CreateDunningCampaignBody = StrictObject({
  name: campaignFields.name,
  is_default: Type.Optional(campaignFields.is_default),
  retry_schedule_days: campaignFields.retry_schedule_days,
  reminder_days_before_due: Type.Optional(campaignFields.reminder_days_before_due),
  reminder_days_after_due: Type.Optional(campaignFields.reminder_days_after_due),
  final_action: campaignFields.final_action,
});
export type CreateDunningCampaignInput = Static<typeof CreateDunningCampaignBody>;

export const UpdateDunningCampaignBody = StrictObject(OptionalFields(campaignFields), { minProperties: 1 });
export type UpdateDunningCampaignInput = Static<typeof UpdateDunningCampaignBody>;

export const DunningCampaignSchema = Type.Object({
  id: Type.String(),
  ...campaignFields,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type DunningCampaignView = Static<typeof DunningCampaignSchema>;

export const CustomerDunningBody = StrictObject({
  campaign_id: Type.Optional(
    Nullable({ ...ObjectId, description: "the customer's campaign; null for the default" }),
  ),
  exempt: Type.Boolean({
    description: "no reminders, retries or final action for this customer's invoices",
  }),
  exempt_reason: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
});
export type CustomerDunningInput = Static<typeof CustomerDunningBody>;

export const CustomerDunningSchema = Type.Object({
  customer_id: Type.String(),
  campaign_id: Nullable(Type.String()),
  exempt: Type.Boolean(),
  exempt_reason: Nullable(Type.String()),
  entitlements_blocked: Type.Boolean({
    description: "a dunning final action blocks the customer's entitlements",
  }),
});
export type CustomerDunningView = Static<typeof CustomerDunningSchema>;

export const InvoiceDunningSchema = Type.Object({
  id: Nullable(Type.String({ description: "null while the invoice is not in dunning (status none)" })),
  invoice_id: Type.String(),
  customer_id: Type.String(),
  campaign_id: Nullable(Type.String()),
  status: StringEnum(["none", "active", "recovered", "ended", "stopped"], {
    description: "none: no payment of the invoice has failed, so it is not in dunning",
  }),
  final_action: Nullable(StringEnum(finalActions)),
  hard_declined: Type.Boolean(),
  first_failed_at: Nullable(Timestamp),
  next_step_at: Nullable(Timestamp),
  entitlements_blocked: Type.Boolean(),
  ended_reason: Nullable(Type.String()),
  steps: Type.Array(
    Type.Object({
      kind: StringEnum(["reminder_before_due", "reminder_after_due", "retry", "final_action"]),
      day_number: Type.Integer(),
      due_at: Timestamp,
      status: StringEnum(["pending", "done", "skipped"]),
      outcome: Nullable(Type.String()),
      payment_id: Nullable(Type.String()),
      completed_at: Nullable(Timestamp),
    }),
  ),
});
export type InvoiceDunningView = Static<typeof InvoiceDunningSchema>;
