-- The catalog: products that group charges, features that plans grant, and
-- plans whose pricing lives in numbered versions. A version is edited only
-- while it is a draft; once published it never changes (a trigger refuses it
-- even outside the application), and editing means a new version.
create table products (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  code text not null,
  name text not null,
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (environment_id, code)
);

create index products_environment on products (environment_id, id);

create table features (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  code text not null,
  name text not null,
  description text,
  -- boolean: on or off; static: a configuration value; metered: a limit per billing period on a meter.
  kind text not null check (kind in ('boolean', 'static', 'metered')),
  meter_code text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (environment_id, code),
  check ((kind = 'metered') = (meter_code is not null))
);

create index features_environment on features (environment_id, id);

create table plans (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  code text not null,
  name text not null,
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (environment_id, code)
);

create index plans_environment on plans (environment_id, id);

create table plan_versions (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  plan_id text not null references plans (id),
  version integer not null check (version >= 1),
  state text not null check (state in ('draft', 'pending_approval', 'published', 'retired')),
  currency text not null,
  billing_interval text not null check (billing_interval in ('day', 'week', 'month', 'quarter', 'year')),
  interval_count integer not null check (interval_count >= 1),
  trial_days integer not null check (trial_days >= 0),
  minimum_commitment numeric,
  -- Charges in the scenario format's charge shape (amounts as decimal strings), validated on write.
  charges jsonb not null,
  -- The same charges priced in other currencies: [{currency, minimum_commitment, charges: [{id, prices}]}].
  currency_prices jsonb not null,
  -- [{feature, value?, limit?}] by feature code.
  entitlements jsonb not null,
  copied_from_version integer,
  -- Requested while pending approval; the date it takes effect once published.
  effective_from timestamptz,
  created_by text not null,
  submitted_by text,
  submitted_at timestamptz,
  approved_by text,
  approved_at timestamptz,
  published_at timestamptz,
  retired_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (plan_id, version)
);

-- At most one version of a plan is open (draft or pending approval) at a time.
create unique index plan_versions_one_open on plan_versions (plan_id) where state in ('draft', 'pending_approval');
-- "The version in effect at T" reads published versions of one plan by date.
create index plan_versions_in_effect on plan_versions (plan_id, effective_from) where state in ('published', 'retired');

create function plan_versions_published_are_immutable() returns trigger language plpgsql as $$
begin
  if old.state in ('published', 'retired') and (
    new.currency is distinct from old.currency
    or new.billing_interval is distinct from old.billing_interval
    or new.interval_count is distinct from old.interval_count
    or new.trial_days is distinct from old.trial_days
    or new.minimum_commitment is distinct from old.minimum_commitment
    or new.charges is distinct from old.charges
    or new.currency_prices is distinct from old.currency_prices
    or new.entitlements is distinct from old.entitlements
    or new.effective_from is distinct from old.effective_from
    or new.state not in ('published', 'retired')
  ) then
    raise exception 'plan version % of plan % is published and cannot change', old.version, old.plan_id;
  end if;
  return new;
end;
$$;

create trigger plan_versions_immutable
  before update on plan_versions
  for each row execute function plan_versions_published_are_immutable();

create function plan_versions_are_kept() returns trigger language plpgsql as $$
begin
  if old.state in ('published', 'retired') then
    raise exception 'plan version % of plan % is published and cannot be deleted', old.version, old.plan_id;
  end if;
  return old;
end;
$$;

create trigger plan_versions_kept
  before delete on plan_versions
  for each row execute function plan_versions_are_kept();
