-- Parallel runs become jobs (src/imports/parallel-run-work.ts), and the
-- cut-over (src/imports/cut-over.ts) gets its tables.
--
-- A run is asked for (queued, its file kept in old_invoices_csv until the
-- job has read it), runs with its progress in customers, and ends completed
-- or failed with the error. Runs kept from before were answered at once:
-- they are completed. The person who asked is kept, because a difference
-- must be accepted by another person.
alter table parallel_runs
  add column status text not null default 'completed'
    check (status in ('queued', 'running', 'completed', 'failed'));
alter table parallel_runs alter column status set default 'queued';
alter table parallel_runs add column created_by_person_id text;
alter table parallel_runs add column customers_total integer not null default 0;
alter table parallel_runs add column customers_done integer not null default 0;
alter table parallel_runs add column failure text;
alter table parallel_runs add column old_invoices_csv text;
-- The customers the run was narrowed to (null: every customer of the file).
alter table parallel_runs add column customer_external_ids jsonb;
alter table parallel_runs add column started_at timestamptz;
alter table parallel_runs add column finished_at timestamptz;
alter table parallel_runs add column updated_at timestamptz not null default now();

-- A difference of a run that a second person accepted, with the reason:
-- the cut-over checklist counts a run whose every difference is accepted as
-- matching. difference_id is the difference's id in the run (position.line).
create table parallel_run_acceptances (
  parallel_run_id text not null references parallel_runs (id) on delete cascade,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  difference_id text not null,
  reason text not null,
  accepted_by text not null,
  accepted_by_person_id text,
  accepted_by_person_name text,
  accepted_at timestamptz not null,
  primary key (parallel_run_id, difference_id)
);

-- The cut-over of an environment: from switch_at Fairbill issues the
-- invoices of the subscriptions imported from the old system. One per environment.
create table cut_overs (
  environment_id text primary key references environments (id),
  organization_id text not null references organizations (id),
  switch_at timestamptz not null,
  -- The imported subscriptions moved to bill from switch_at.
  subscriptions_moved integer not null,
  set_by text not null,
  reason text,
  created_at timestamptz not null
);
