-- The job queue (src/platform/jobs): work that runs later or again, outside
-- the request that asked for it (the bill run's tick, webhook deliveries).
-- A job belongs to an environment when it works on one tenant's data, and to
-- no tenant when it is the platform's own (both ids null).
create table jobs (
  id text primary key,
  kind text not null,
  payload jsonb not null,
  organization_id text references organizations (id),
  environment_id text references environments (id),
  run_at timestamptz not null default now(),
  -- Set by the producer so that asking twice makes one job: unique for as long
  -- as the job is kept (finished jobs are purged after their retention period).
  unique_key text unique,
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  attempts integer not null default 0,
  -- While running: the instant after which the worker that claimed the job is
  -- presumed dead and another may claim it again.
  lease_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((organization_id is null) = (environment_id is null)),
  check ((status = 'running') = (lease_until is not null))
);

-- What a worker looks for: queued jobs that are due, and running jobs whose lease ran out.
create index jobs_queued_due on jobs (run_at) where status = 'queued';
create index jobs_running_lease on jobs (lease_until) where status = 'running';
create index jobs_finished on jobs (finished_at) where status in ('succeeded', 'failed');
create index jobs_environment on jobs (environment_id, id) where environment_id is not null;

-- Every attempt at a job: when it started and finished, and how it ended.
create table job_attempts (
  job_id text not null references jobs (id) on delete cascade,
  attempt integer not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  -- Null while the attempt runs; 'abandoned' when its worker's lease ran out.
  outcome text check (outcome in ('succeeded', 'failed', 'abandoned')),
  error text,
  primary key (job_id, attempt),
  check ((outcome is null) = (finished_at is null))
);
