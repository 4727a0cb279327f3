-- Usage accrued at the end of a closed month (unbilled receivables): usage
-- delivered in the month whose invoice comes later, priced as the invoice will
-- price it, kept as it stood when the month was locked so that the closed
-- month never changes. Reversed when the invoice is issued.
create table finance_usage_accruals (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  period text not null,
  accrual_key text not null,
  customer_id text not null,
  subscription_id text not null,
  currency text not null,
  plan_version_id text not null,
  charge_id text not null,
  meter text not null,
  product text,
  period_start timestamptz not null,
  period_end timestamptz not null,
  quantity numeric not null,
  period_to_date_amount numeric not null,
  amount numeric not null,
  locked_at timestamptz not null,
  unique (environment_id, accrual_key)
);
create index finance_usage_accruals_period on finance_usage_accruals (environment_id, period);
