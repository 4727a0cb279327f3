-- Bill runs (src/billing-runs/bill-run.ts): one pass over an environment's
-- customers with something due at `at`, with its progress and the customers
-- it could not bill. Exactly-once invoicing does not rest on these rows (the
-- invoices' own unique keys do that); they are the operator's record.
create table bill_runs (
  id text primary key,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  at timestamptz not null,
  trigger text not null check (trigger in ('cli', 'schedule', 'test_clock')),
  status text not null default 'running' check (status in ('running', 'completed', 'failed')),
  customers_total integer not null,
  customers_done integer not null default 0,
  invoices_issued integer not null default 0,
  invoices_finalized integer not null default 0,
  -- Customers the run could not bill (each in bill_run_errors); the run goes on past them.
  errors integer not null default 0,
  -- Why a failed run stopped.
  failure text,
  started_at timestamptz not null default now(),
  -- Moves with every progress report; a running run that stops moving was interrupted.
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((status = 'running') = (finished_at is null))
);

create index bill_runs_environment on bill_runs (environment_id, id);
create index bill_runs_running on bill_runs (environment_id) where status = 'running';

create table bill_run_errors (
  bill_run_id text not null references bill_runs (id) on delete cascade,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  customer_id text not null,
  code text not null,
  message text not null,
  occurred_at timestamptz not null default now(),
  primary key (bill_run_id, customer_id)
);
