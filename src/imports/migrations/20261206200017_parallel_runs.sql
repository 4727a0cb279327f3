-- Parallel runs (src/imports/parallel-runs.ts): the old system's invoices,
-- uploaded as CSV, beside the invoices Fairbill would have issued for the
-- same customers and periods, compared line by line. Each run is kept, so
-- that re-running after a mapping fix shows progress. `parallel_runs` holds
-- the run and its summary; `parallel_run_invoices` one row per compared
-- invoice with its lines matched by charge, each difference with its cause.
create table parallel_runs (
  id text primary key,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  invoices integer not null,
  matching integer not null,
  -- matching ÷ invoices in percent, two places.
  matching_percent numeric not null,
  -- Per currency: the totals, the revenue at stake and the differences by cause.
  summary jsonb not null,
  created_by text not null,
  reason text,
  created_at timestamptz not null
);

create index parallel_runs_environment on parallel_runs (environment_id, id);

create table parallel_run_invoices (
  parallel_run_id text not null references parallel_runs (id) on delete cascade,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  -- The order of the uploaded file.
  position integer not null,
  customer_id text not null,
  customer_external_id text not null,
  old_invoice_number text not null,
  period_start timestamptz not null,
  period_end timestamptz not null,
  currency text not null,
  -- When the invoice Fairbill would issue for the period is dated (null: it would issue none).
  fairbill_issued_at timestamptz,
  old_total numeric not null,
  fairbill_total numeric not null,
  difference numeric not null,
  matches boolean not null,
  lines jsonb not null,
  primary key (parallel_run_id, position)
);

create index parallel_run_invoices_differing on parallel_run_invoices (parallel_run_id, matches, position);
