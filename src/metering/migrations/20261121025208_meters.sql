-- Meters: what billing counts from usage events. A meter keeps its code, name
-- and description; what it counts (event name, aggregation, property, filters,
-- dimensions) lives in versions, each in effect from its `effective_from` until
-- the next version's, so that changing a meter never rewrites usage already
-- counted under an earlier definition.
create table meters (
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

create index meters_environment on meters (environment_id, id);

create table meter_versions (
  meter_id text not null references meters (id),
  version integer not null check (version >= 1),
  organization_id text not null,
  environment_id text not null,
  event_name text not null,
  aggregation text not null
    check (aggregation in ('count', 'sum', 'max', 'unique_count', 'latest', 'weighted_sum')),
  property text,
  -- {"model": ["large", "xl"]}: every key must hold one of its listed values.
  filters jsonb not null default '{}',
  -- Property names whose values split the meter's usage into groups.
  group_by jsonb not null default '[]',
  effective_from timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (meter_id, version)
);

create index meter_versions_environment on meter_versions (environment_id, event_name);

-- Per-environment metering settings; an environment without a row uses the defaults.
create table metering_settings (
  environment_id text primary key,
  organization_id text not null,
  -- How old an event's timestamp may be when it is sent (backfill excepted).
  event_past_window_days integer not null default 35 check (event_past_window_days between 1 and 3650),
  updated_at timestamptz not null default now()
);
