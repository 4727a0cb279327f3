// Row types of the payments and dunning tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    payment_provider_settings: PaymentProviderSettingsTable;
    payment_provider_customers: PaymentProviderCustomerTable;
    payment_methods: PaymentMethodTable;
    payments: PaymentTable;
    refunds: RefundTable;
    payment_disputes: PaymentDisputeTable;
    payment_provider_events: PaymentProviderEventTable;
    dunning_campaigns: DunningCampaignTable;
    customer_dunning_settings: CustomerDunningSettingsTable;
    dunning_processes: DunningProcessTable;
    dunning_steps: DunningStepTable;
  }
}

/** A numeric column with a default: optional on insert, a string when read. */
type DefaultedNumeric = ColumnType<string, string | undefined, string>;
type DefaultedBoolean = ColumnType<boolean, boolean | undefined, boolean>;

export const providerNames = ["manual", "stripe"] as const;
export type ProviderName = (typeof providerNames)[number];

export type PaymentProviderSettingsTable = {
  environment_id: string;
  organization_id: string;
  provider: ProviderName;
  stripe_secret_key: string | null;
  stripe_webhook_secret: string | null;
  stripe_api_base_url: string | null;
  updated_at: DefaultedTimestamp;
};

export type PaymentProviderCustomerTable = {
  organization_id: string;
  environment_id: string;
  customer_id: string;
  provider: ProviderName;
  provider_customer_id: string;
  created_at: DefaultedTimestamp;
};

export type PaymentMethodTable = TenantRowColumns & {
  customer_id: string;
  provider: ProviderName;
  provider_payment_method_id: string;
  type: string;
  card_brand: string | null;
  card_last4: string | null;
  card_exp_month: number | null;
  card_exp_year: number | null;
  is_default: DefaultedBoolean;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export const manualPaymentMethods = ["bank_transfer", "cheque", "cash", "other"] as const;
export type PaymentMethodKind = "card" | (typeof manualPaymentMethods)[number];
export type PaymentOrigin = "manual" | "automatic" | "requested" | "dunning_retry" | "provider" | "portal";
export const paymentStatuses = ["pending", "succeeded", "failed"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export type PaymentTable = TenantRowColumns & {
  customer_id: string;
  invoice_id: string;
  provider: ProviderName;
  method: PaymentMethodKind;
  origin: PaymentOrigin;
  status: PaymentStatus;
  currency: string;
  /** numeric columns, read as strings. */
  amount: string;
  amount_applied: DefaultedNumeric;
  amount_to_balance: DefaultedNumeric;
  amount_refunded: DefaultedNumeric;
  /** Taken back by the customer's bank through disputes lost. */
  amount_charged_back: DefaultedNumeric;
  reference: string | null;
  payment_method_id: string | null;
  provider_payment_id: string | null;
  failure_code: string | null;
  decline_code: string | null;
  failure_message: string | null;
  hard_decline: DefaultedBoolean;
  received_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type RefundStatus = "pending" | "succeeded" | "failed";

export type RefundTable = TenantRowColumns & {
  payment_id: string;
  invoice_id: string;
  customer_id: string;
  origin: "fairbill" | "provider";
  status: RefundStatus;
  currency: string;
  amount: string;
  amount_from_invoice: DefaultedNumeric;
  amount_from_balance: DefaultedNumeric;
  /** Of a refund made at the provider: what nothing covered and no invoice can be owed again (billing rule 29). */
  amount_lost: DefaultedNumeric;
  reason: string;
  provider_refund_id: string | null;
  failure_message: string | null;
  refunded_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PaymentDisputeTable = TenantRowColumns & {
  payment_id: string;
  invoice_id: string;
  customer_id: string;
  provider_dispute_id: string;
  currency: string;
  amount: string;
  reason: string;
  /** The provider's status: warning_needs_response, needs_response, under_review, … until won, lost, warning_closed. */
  status: string;
  /** When the provider gave it the status held: an older report does not overwrite a newer one. */
  status_changed_at: Timestamp;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  /** Of a dispute lost: taken back from the customer balance, and the rest, lost (billing rule 30). */
  amount_from_balance: DefaultedNumeric;
  amount_lost: DefaultedNumeric;
  created_at: Timestamp;
  /** When Fairbill wrote its last change (its close, once closed). */
  updated_at: Timestamp;
};

export type PaymentProviderEventTable = {
  organization_id: string;
  environment_id: string;
  provider: ProviderName;
  event_id: string;
  type: string;
  outcome: string;
  received_at: Timestamp;
};

export const finalActions = [
  "none",
  "mark_uncollectible",
  "pause_subscription",
  "cancel_subscription",
  "block_entitlements",
] as const;
export type FinalAction = (typeof finalActions)[number];

export type DunningCampaignTable = TenantRowColumns & {
  name: string;
  is_default: DefaultedBoolean;
  retry_schedule_days: Json<number[]>;
  reminder_days_before_due: Json<number[]>;
  reminder_days_after_due: Json<number[]>;
  final_action: FinalAction;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type CustomerDunningSettingsTable = {
  organization_id: string;
  environment_id: string;
  customer_id: string;
  campaign_id: string | null;
  exempt: boolean;
  exempt_reason: string | null;
  updated_at: Timestamp;
};

export type DunningProcessStatus = "active" | "recovered" | "ended" | "stopped";

export type DunningProcessTable = TenantRowColumns & {
  invoice_id: string;
  customer_id: string;
  campaign_id: string;
  retry_schedule_days: Json<number[]>;
  final_action: FinalAction;
  status: DunningProcessStatus;
  hard_declined: DefaultedBoolean;
  first_failed_at: Timestamp | null;
  next_step_at: Timestamp | null;
  entitlements_blocked: DefaultedBoolean;
  ended_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type DunningStepKind = "reminder_before_due" | "reminder_after_due" | "retry" | "final_action";
export type DunningStepStatus = "pending" | "done" | "skipped";

export type DunningStepTable = TenantRowColumns & {
  process_id: string;
  kind: DunningStepKind;
  day_number: number;
  due_at: Timestamp;
  status: DunningStepStatus;
  outcome: string | null;
  payment_id: string | null;
  completed_at: Timestamp | null;
};
