// The finance answers the console reads (src/finance/reconciliation-schemas.ts,
// kpi-schemas.ts and close-schemas.ts). Amounts are decimal strings.

export type DifferenceCategory = "leakage" | "mismatch" | "by_design" | "pending";

export type UsageDifference = {
  cause: string;
  category: DifferenceCategory;
  description: string;
  customer_external_id: string;
  customer_id: string | null;
  meter: string | null;
  event_name: string | null;
  subscription_id: string | null;
  invoice_id: string | null;
  invoice_number: string | null;
  invoice_line_id: string | null;
  events: number;
  first_event_at: string;
  last_event_at: string;
  example_event_ids: string[];
  quantity: string | null;
  amount: string | null;
  currency: string | null;
  price_basis: string;
};

export type UsageRow = {
  customer_external_id: string;
  customer_id: string | null;
  meter: string | null;
  event_name: string | null;
  events_ingested: number;
  events_attributed: number;
  events_matched: number;
  events_billed: number;
  events_unbilled: number;
};

export type ReceivableFigures = {
  currency: string;
  invoiced: string;
  voided: string;
  credit_notes: string;
  payments: string;
  refunds: string;
  chargebacks: string;
  opening_receivable: string;
  closing_receivable: string;
  outstanding_now: string;
};

export type ReceivableDifference = {
  cause: string;
  description: string;
  invoice_id: string;
  invoice_number: string | null;
  customer_id: string;
  currency: string;
  recorded: string;
  expected: string;
};

export type AmountInCurrency = { currency: string; amount: string };

export type Reconciliation = {
  period: string;
  timezone: string;
  period_start: string;
  period_end: string;
  generated_at: string;
  clean: boolean;
  usage: {
    events_ingested: number;
    events_voided: number;
    events_attributed: number;
    events_matched: number;
    events_billed: number;
    events_by_category: Record<DifferenceCategory, number>;
    rows: UsageRow[];
    differences: UsageDifference[];
  };
  receivables: {
    source: "payments" | "invoices";
    totals: ReceivableFigures[];
    customers: (ReceivableFigures & { customer_id: string })[];
    differences: ReceivableDifference[];
  };
  leakage: {
    events: number;
    per_thousand_events: string;
    amounts: AmountInCurrency[];
    amounts_per_thousand_events: AmountInCurrency[];
    unpriced_events: number;
  };
};

export type ChecklistItem = { key: string; title: string; passed: boolean; detail: string };

export type PeriodLock = {
  id: string;
  period: string;
  timezone: string;
  period_start: string;
  period_end: string;
  locked_at: string;
  locked_by: string;
  reason: string | null;
  checklist: ChecklistItem[];
};

export type CloseChecklist = {
  period: string;
  timezone: string;
  ended: boolean;
  ready: boolean;
  items: ChecklistItem[];
  lock: PeriodLock | null;
};

export type MrrMonth = {
  period: string;
  currency: string;
  mrr: string;
  arr: string;
  customers: number;
  starting_mrr: string;
  new: string;
  expansion: string;
  contraction: string;
  churn: string;
  reactivation: string;
};

export type CustomerForecast = {
  customer_id: string;
  currency: string;
  period: string;
  recurring: string;
  usage: {
    meter: string;
    charge_id: string;
    history: { period: string; quantity: string }[];
    forecast_quantity: string;
    forecast_amount: string | null;
  }[];
  total: string;
  method: string;
};

export type Kpis = {
  from: string;
  to: string;
  timezone: string;
  generated_at: string;
  mrr: MrrMonth[];
  net_revenue_retention: {
    currency: string;
    cohort_period: string;
    starting_mrr: string;
    retained_mrr: string;
    percent: string | null;
  }[];
  dso: { period: string; currency: string; receivable: string; invoiced: string; days: string | null }[];
  billing_failure_rate: {
    payment_attempts: number;
    failed_attempts: number;
    attempt_failure_percent: string | null;
    invoices_charged: number;
    invoices_first_attempt_failed: number;
    invoice_failure_percent: string | null;
    bill_run_customers: number;
    bill_run_customer_errors: number;
    bill_run_error_percent: string | null;
  };
  disputes: {
    opened: number;
    resolved: number;
    open_now: number;
    median_hours_to_resolve: string | null;
    average_hours_to_resolve: string | null;
    chargebacks: number;
    chargeback_amounts: AmountInCurrency[];
  };
  leakage: {
    events_ingested: number;
    leaking_events: number;
    per_thousand_events: string;
    amounts: AmountInCurrency[];
    amounts_per_thousand_events: AmountInCurrency[];
  };
  forecast: { period: string; customers: CustomerForecast[] };
};
