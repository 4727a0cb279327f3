-- Subscriptions: a customer on a plan version from a start instant, with its
-- timeline of recorded changes (plan changes, a cancellation) and pauses.
-- The engine reads the timeline as it is; the derived columns (trial_ends_at,
-- ends_at) let lists filter by status without replaying it.
create table subscriptions (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  -- The plan and version the subscription started on; later versions are in subscription_changes.
  plan_id text not null references plans (id),
  plan_version_id text not null references plan_versions (id),
  currency text not null,
  billing_alignment text not null check (billing_alignment in ('calendar', 'anniversary')),
  trial_days integer not null check (trial_days >= 0),
  started_at timestamptz not null,
  -- started_at + trial_days local calendar days: the billing anchor.
  trial_ends_at timestamptz not null check (trial_ends_at >= started_at),
  -- The customer's zone when the subscription was created; periods are counted in it.
  timezone text not null,
  external_id text,
  metadata jsonb not null default '{}',
  -- The earliest instant a bill run must look at; null once nothing is left to bill.
  next_billing_at timestamptz,
  -- The latest issue instant already invoiced (or skipped while paused).
  billed_through timestamptz,
  progressive_billing_threshold numeric check (progressive_billing_threshold > 0),
  -- When a recorded cancellation ends the subscription; null while none is recorded.
  ends_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index subscriptions_environment on subscriptions (environment_id, id);
create index subscriptions_customer on subscriptions (environment_id, customer_id, id);
create unique index subscriptions_external_id on subscriptions (environment_id, external_id)
  where external_id is not null;
create index subscriptions_due on subscriptions (environment_id, next_billing_at, customer_id)
  where next_billing_at is not null;

-- The timeline: plan changes and at most one cancellation, in the order they
-- take effect (sequence follows `at`, since a change is never recorded before
-- the last one). Rows are history and never change.
create table subscription_changes (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  subscription_id text not null references subscriptions (id),
  sequence integer not null check (sequence >= 1),
  kind text not null check (kind in ('change_plan', 'cancel')),
  plan_id text references plans (id),
  plan_version_id text references plan_versions (id),
  cancel_mode text check (cancel_mode in ('immediate', 'period_end')),
  at timestamptz not null,
  -- How the caller asked for `at`: immediate, period_end or at (change_plan and cancel), or a migration's timing.
  timing text not null,
  migration_id text,
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (subscription_id, sequence),
  check ((kind = 'change_plan') = (plan_version_id is not null and plan_id is not null)),
  check ((kind = 'cancel') = (cancel_mode is not null))
);

create index subscription_changes_migration on subscription_changes (environment_id, migration_id)
  where migration_id is not null;

create function subscription_changes_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'subscription_changes is append-only: % is not allowed; record a new change', tg_op;
end;
$$;

create trigger subscription_changes_append_only
  before update or delete on subscription_changes
  for each row execute function subscription_changes_are_append_only();

-- Pauses: invoices falling due at paused_from <= T < paused_until are skipped.
-- paused_until is null while the pause is open-ended; a resume sets it.
create table subscription_pauses (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  subscription_id text not null references subscriptions (id),
  paused_from timestamptz not null,
  paused_until timestamptz,
  paused_by text not null,
  resumed_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (paused_until is null or paused_until > paused_from)
);

create index subscription_pauses_subscription on subscription_pauses (subscription_id, paused_from);

-- Moves of a plan version's subscribers to another version; each moved
-- subscription has a change_plan row pointing back here.
create table plan_version_migrations (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  plan_id text not null references plans (id),
  from_version_id text not null references plan_versions (id),
  to_version_id text not null references plan_versions (id),
  timing text not null check (timing in ('now', 'next_period', 'at')),
  requested_at timestamptz,
  subscription_count integer not null check (subscription_count >= 0),
  created_by text not null,
  reason text,
  created_at timestamptz not null default now()
);

create index plan_version_migrations_plan on plan_version_migrations (environment_id, plan_id, id);
