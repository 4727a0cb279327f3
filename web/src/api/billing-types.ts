// Subscriptions and invoices on the API (src/subscriptions/*-schemas.ts,
// src/invoicing/invoice-schemas.ts). Amounts are decimal strings.

export type SubscriptionStatus = "scheduled" | "trialing" | "active" | "paused" | "canceling" | "ended";

export type PlanVersionReference = {
  plan_id: string;
  plan_code: string;
  plan_version_id: string;
  version: number;
};

export type SubscriptionChange = {
  id: string;
  type: "change_plan" | "cancel";
  at: string;
  plan: PlanVersionReference | null;
  mode: "immediate" | "period_end" | null;
  timing: string;
  migration_id: string | null;
  created_by: string;
  created_at: string;
};

export type SubscriptionPause = {
  id: string;
  from: string;
  until: string | null;
  paused_by: string;
  resumed_by: string | null;
  created_at: string;
};

export type Subscription = {
  id: string;
  customer_id: string;
  external_id: string | null;
  status: SubscriptionStatus;
  plan_id: string;
  plan_version_id: string;
  current_plan: PlanVersionReference;
  currency: string;
  billing: "anniversary" | "calendar";
  trial_days: number;
  started_at: string;
  trial_ends_at: string;
  timezone: string;
  current_period_start: string | null;
  current_period_end: string | null;
  ends_at: string | null;
  next_billing_at: string | null;
  billed_through: string | null;
  progressive_billing_threshold: string | null;
  metadata: Record<string, string>;
  changes: SubscriptionChange[];
  pauses: SubscriptionPause[];
  created_at: string;
  updated_at: string;
};

export type InvoiceLine = {
  subscription_id: string | null;
  plan_id: string | null;
  plan_version_id: string | null;
  charge_id: string | null;
  kind: string;
  description: string;
  period_start: string | null;
  period_end: string | null;
  quantity: string;
  unit_amount: string | null;
  amount: string;
  details: Record<string, unknown>;
};

export type InvoiceTotals = {
  subtotal: string;
  discount: string;
  credits: string;
  tax: string;
  total: string;
  balance_applied: string;
  amount_due: string;
};

export type InvoicePreview = InvoiceTotals & {
  issued_at: string;
  currency: string;
  subscription_ids: string[];
  lines: InvoiceLine[];
};
