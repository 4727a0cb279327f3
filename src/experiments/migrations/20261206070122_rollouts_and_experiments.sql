-- Staged rollouts: a published plan version rolled out to the subscribers of
-- an earlier version in stages (5% → 25% → 100% of them, chosen by a
-- deterministic hash of the customer id with the rollout's salt). Each stage
-- is a plan version migration at the next period boundary; the stage's
-- cohort's first drafts are held until its guardrails pass (the holds are
-- released) or break (the stage's migration is reverted and the drafts are
-- recomputed on the earlier version).
create table rollouts (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  plan_id text not null references plans (id),
  from_version_id text not null references plan_versions (id),
  to_version_id text not null references plan_versions (id),
  salt text not null,
  guardrails jsonb not null,
  history_invoices integer not null check (history_invoices between 1 and 24),
  notify_email text,
  status text not null check (status in ('running', 'completed', 'rolled_back')),
  breaches jsonb not null default '[]',
  created_by text not null,
  reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create index rollouts_environment on rollouts (environment_id, id);

create table rollout_stages (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  rollout_id text not null references rollouts (id),
  position integer not null check (position >= 1),
  percent numeric not null check (percent > 0 and percent <= 100),
  start text not null check (start in ('now', 'at', 'after_previous_clean')),
  starts_at timestamptz,
  status text not null check (status in ('pending', 'watching', 'clean', 'breached', 'skipped')),
  migration_id text,
  rollback_migration_id text,
  subscription_ids text[] not null default '{}',
  customer_ids text[] not null default '{}',
  started_at timestamptz,
  evaluated_at timestamptz,
  breaches jsonb not null default '[]',
  unique (rollout_id, position),
  check ((start = 'at') = (starts_at is not null))
);

-- Experiments: a control version of a plan and one or more variant versions,
-- each customer of the experiment's population assigned to one arm (by a
-- deterministic hash of its id with the experiment's salt, stratified by a
-- segment, or by explicit lists), and the metrics of each arm compared.
create table experiments (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  name text not null,
  plan_id text not null references plans (id),
  salt text not null,
  assignment text not null check (assignment in ('hash', 'lists')),
  segment_key text,
  audience text not null check (audience in ('new_signups', 'existing_next_period')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null check (status in ('running', 'promoted', 'stopped')),
  decision jsonb,
  created_by text not null,
  reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (ends_at > starts_at)
);

create index experiments_environment on experiments (environment_id, id);

create table experiment_arms (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  experiment_id text not null references experiments (id),
  position integer not null,
  name text not null,
  role text not null check (role in ('control', 'variant')),
  version_id text not null references plan_versions (id),
  weight numeric not null check (weight >= 0),
  customer_ids text[] not null default '{}',
  unique (experiment_id, position)
);

create table experiment_assignments (
  organization_id text not null,
  environment_id text not null,
  experiment_id text not null references experiments (id),
  customer_id text not null references customers (id),
  subscription_id text not null,
  arm_id text not null references experiment_arms (id),
  stratum text not null,
  migration_id text,
  assigned_at timestamptz not null,
  primary key (experiment_id, customer_id)
);

create index experiment_assignments_arm on experiment_assignments (experiment_id, arm_id);
