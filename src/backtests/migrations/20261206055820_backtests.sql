-- Backtests (src/backtests/backtest-run.ts): a plan's draft or published
-- version, or price overrides on its charges, priced against invoices already
-- billed over a range of issue dates, for a population of customers. A job on
-- the queue does the work; these rows hold its request, its progress, and per
-- invoice the lines as billed and as they would be. Real invoices are never
-- touched.
create table backtests (
  id text primary key,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  status text not null default 'queued'
    check (status in ('queued', 'running', 'completed', 'failed', 'canceled')),
  plan_id text not null,
  -- The version priced instead of the plan's versions; null when price overrides are.
  plan_version_id text,
  -- The price overrides priced instead of the subscriptions' own ([{ charge_id, override }]).
  price_overrides jsonb,
  -- Who is in it (see backtest-schemas.ts), as requested.
  population jsonb not null,
  -- Invoices issued in [period_from, period_to).
  period_from timestamptz not null,
  period_to timestamptz not null,
  customers_total integer not null default 0,
  customers_done integer not null default 0,
  invoices_compared integer not null default 0,
  -- Totals per currency, the histogram and the largest movers, once completed.
  summary jsonb,
  failure text,
  cancel_requested_at timestamptz,
  created_by text not null,
  reason text,
  created_at timestamptz not null,
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now(),
  check ((plan_version_id is null) <> (price_overrides is null))
);

create index backtests_environment on backtests (environment_id, id);
create index backtests_plan on backtests (environment_id, plan_id, id);

create table backtest_invoices (
  backtest_id text not null references backtests (id) on delete cascade,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  invoice_id text not null,
  customer_id text not null,
  invoice_number text,
  currency text not null,
  issued_at timestamptz not null,
  billed_subtotal numeric not null,
  would_be_subtotal numeric not null,
  difference numeric not null,
  -- Line by line: [{ subscription_id, charge_id, kind, period_start, period_end, billed, would_be, difference }].
  lines jsonb not null,
  primary key (backtest_id, invoice_id)
);

create index backtest_invoices_customer on backtest_invoices (backtest_id, customer_id, issued_at);
