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

export type CreditGrantStatus = "active" | "scheduled" | "used" | "expired" | "voided";

export type CreditGrant = {
  id: string;
  customer_id: string;
  wallet_id: string | null;
  name: string;
  currency: string;
  type: "promotional" | "purchased";
  amount: string;
  remaining: string;
  cost_basis: string | null;
  priority: number;
  effective_at: string;
  expires_at: string | null;
  status: CreditGrantStatus;
  voided_at: string | null;
  void_reason: string | null;
  created_at: string;
};

export type CreditLedgerEntry = {
  id: string;
  currency: string;
  grant_id: string;
  wallet_id: string | null;
  kind: "increment" | "burn" | "expiry" | "void" | "void_reversal";
  amount: string;
  grant_balance_after: string;
  balance_after: string;
  invoice_id: string | null;
  automatic: boolean;
  reason: string | null;
  occurred_at: string;
};

export type CreditBalances = {
  at: string;
  data: { currency: string; available: string; scheduled: string; ledger_balance: string }[];
};

export type Wallet = {
  id: string;
  customer_id: string;
  currency: string;
  name: string;
  rate: string;
  auto_top_up: { threshold: string; amount: string } | null;
  balance: string;
  credits: string;
  created_at: string;
};

export type CustomerBalance = { data: { currency: string; balance: string }[] };

export type Coupon = {
  id: string;
  code: string;
  name: string;
  type: "percentage" | "fixed";
  percent: string | null;
  amount: string | null;
  currency: string | null;
  duration: "once" | "repeating" | "forever";
  duration_invoices: number | null;
  applies_to: { plan_ids: string[]; meter_codes: string[] };
  max_redemptions: number | null;
  redemption_count: number;
  redeem_by: string | null;
  archived_at: string | null;
  created_at: string;
};

export type CouponRedemption = {
  id: string;
  coupon_id: string;
  coupon_code: string;
  customer_id: string;
  subscription_id: string | null;
  invoice_count: number;
  invoices_remaining: number | null;
  status: "active" | "completed" | "removed";
  redeemed_at: string;
  removed_at: string | null;
  removal_reason: string | null;
};

export type InvoiceStatus = "draft" | "open" | "paid" | "partially_paid" | "uncollectible" | "void";

export type InvoiceParty = {
  name: string | null;
  email: string | null;
  address: {
    line1?: string;
    line2?: string;
    city?: string;
    postal_code?: string;
    state?: string;
    country?: string;
  } | null;
  country: string | null;
  tax_ids: { type: string; value: string }[];
};

export type Invoice = InvoiceTotals & {
  id: string;
  number: string | null;
  status: InvoiceStatus;
  origin: "subscription" | "one_off" | "progressive";
  customer_id: string;
  subscription_ids: string[];
  currency: string;
  issued_at: string;
  period_start: string | null;
  period_end: string | null;
  due_at: string | null;
  finalized_at: string | null;
  voided_at: string | null;
  void_reason: string | null;
  lines: (InvoiceLine & { id: string })[];
  tax_details: { percent: string; inclusive: boolean; reverse_charge: boolean; note: string | null } | null;
  amount_paid: string;
  amount_credited: string;
  amount_remaining: string;
  seller: InvoiceParty | null;
  buyer: InvoiceParty | null;
  locale: string;
  timezone: string;
  memo: string | null;
  created_at: string;
};

export type CreditNoteReason =
  | "duplicate"
  | "fraudulent"
  | "order_change"
  | "product_unsatisfactory"
  | "billing_error"
  | "other";

export type CreditNote = {
  id: string;
  number: string;
  invoice_id: string;
  invoice_number: string | null;
  customer_id: string;
  currency: string;
  reason: CreditNoteReason;
  memo: string | null;
  lines: { id: string; invoice_line_id: string | null; description: string; amount: string; tax: string }[];
  subtotal: string;
  tax: string;
  total: string;
  applied_to_invoice: string;
  credited_to_balance: string;
  issued_at: string;
  created_by: string;
};

export type TestClock = { id: string | null; frozen_at: string | null };

export type BillRun = {
  id: string;
  at: string;
  trigger: "cli" | "schedule" | "test_clock";
  status: "running" | "completed" | "failed";
  customers_total: number;
  customers_done: number;
  invoices_issued: number;
  invoices_finalized: number;
  errors: number;
  failure: string | null;
  started_at: string;
  finished_at: string | null;
};

export type BillRunDetail = BillRun & {
  customer_errors: { customer_id: string; code: string; message: string; occurred_at: string }[];
};

export type WebhookEndpoint = {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  enabled: boolean;
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
};

export type NewWebhookSecret = { endpoint: WebhookEndpoint; secret: string };

export type WebhookAttempt = {
  attempt_number: number;
  trigger: "automatic" | "manual";
  status: "succeeded" | "failed";
  started_at: string;
  latency_ms: number;
  response_status: number | null;
  response_body_excerpt: string | null;
  error: string | null;
};

export type WebhookDelivery = {
  id: string;
  event_id: string;
  event_type: string;
  endpoint_id: string;
  status: "pending" | "succeeded" | "failed" | "canceled";
  attempt_count: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_response_status: number | null;
  attempts: WebhookAttempt[];
  created_at: string;
};

export type AlertKind = "spend" | "usage" | "credit_balance";

export type AlertRule = {
  id: string;
  customer_id: string;
  subscription_id: string | null;
  kind: AlertKind;
  name: string | null;
  meter: string | null;
  currency: string | null;
  threshold: string;
  email_customer: boolean;
  enabled: boolean;
  below_threshold: boolean;
  created_at: string;
};

export type AlertTrigger = {
  id: string;
  alert_id: string;
  kind: AlertKind;
  threshold: string;
  value: string;
  currency: string | null;
  meter: string | null;
  period_start: string | null;
  period_end: string | null;
  triggered_at: string;
};

export type ManualPaymentMethod = "bank_transfer" | "cheque" | "cash" | "other";

export type Payment = {
  id: string;
  invoice_id: string;
  customer_id: string;
  provider: string;
  method: "card" | ManualPaymentMethod;
  origin: "manual" | "automatic" | "requested" | "dunning_retry" | "provider";
  status: "pending" | "succeeded" | "failed";
  currency: string;
  amount: string;
  amount_applied: string;
  amount_to_balance: string;
  amount_refunded: string;
  reference: string | null;
  failure: {
    code: string | null;
    decline_code: string | null;
    message: string | null;
    hard_decline: boolean;
  } | null;
  received_at: string | null;
  created_at: string;
};
