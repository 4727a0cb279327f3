-- Usage events partitioned by month of occurred_at, with exact dedup kept in
-- a table of ids, and old months archived and dropped by retention.
--
-- A partitioned table's unique index must hold the partition key, so the
-- (environment, event id) key that made a repeat insert nothing moves to
-- `event_ids`: ingestion inserts the ids there first (ON CONFLICT DO NOTHING
-- RETURNING, in the same statement) and only the ids that were new go into
-- `events`. A repeat sent months later with another timestamp is still a
-- duplicate, whatever partition its first copy is in; the ids stay when their
-- events are archived, so an archived event is never stored again either.
--
-- Partitions are named events_YYYY_MM and cover whole UTC months; the default
-- partition catches events of a month that has none yet (a backfill far in
-- the past), and the daily maintenance job moves them into a partition of
-- their own (prepare_event_partition). The current month and the next two
-- are made here, and again by that job.

alter table metering_settings
  add column event_retention_months integer check (event_retention_months between 1 and 1200);

-- The ids of every event ever stored, archived ones included: the exact dedup.
create table event_ids (
  environment_id text not null,
  id text not null,
  -- Where the event is: which monthly partition holds it (kept up to date by amendments).
  occurred_at timestamptz not null,
  primary key (environment_id, id)
);

-- What retention archived: one row per environment and month written to a file.
create table event_archives (
  id text primary key,
  environment_id text not null,
  organization_id text not null,
  range_start timestamptz not null,
  range_end timestamptz not null,
  event_count integer not null,
  -- The gzipped NDJSON file the events went to (one event per line).
  file text not null,
  archived_at timestamptz not null
);

create index event_archives_environment on event_archives (environment_id, range_end);

alter table events rename to events_unpartitioned;
alter table events_unpartitioned rename constraint events_pkey to events_unpartitioned_pkey;
alter index events_customer_time rename to events_unpartitioned_customer_time;
alter index events_time_brin rename to events_unpartitioned_time_brin;

create table events (
  environment_id text not null,
  -- The caller's id for the event, its idempotency key (unique through event_ids).
  id text not null,
  organization_id text not null,
  -- The customer's external id as sent; a customer created later with this
  -- external id owns the event (attribution is by external id at query time).
  customer_external_id text not null,
  name text not null,
  occurred_at timestamptz not null,
  properties jsonb not null default '{}',
  received_at timestamptz not null,
  -- 0 as ingested; each amendment or void adds one and keeps the previous
  -- state in event_revisions.
  revision integer not null default 0,
  voided_at timestamptz,
  -- Finds one event by id (corrections, the shipper): one probe per partition.
  primary key (environment_id, id, occurred_at)
) partition by range (occurred_at);

-- The explorer (by customer, newest first), usage edges and re-aggregation of an hour.
create index events_customer_time on events (environment_id, customer_external_id, occurred_at);
-- The explorer without a customer, and recounting from a meter version's start (see 20261121025211).
create index events_time_brin on events using brin (occurred_at) with (autosummarize = on);

create table events_default partition of events default;

-- Makes the partition of the UTC month holding `month_start` unless it exists,
-- moving into it the events the default partition holds for that month.
-- Returns whether it made one. SECURITY DEFINER: the role the application
-- runs as may not create tables, and the maintenance job calls this.
create function prepare_event_partition(month_start date) returns boolean
language plpgsql security definer set search_path from current as $prepare$
declare
  first_day date := date_trunc('month', month_start)::date;
  partition_name text := 'events_' || to_char(date_trunc('month', month_start), 'YYYY_MM');
  lower_bound timestamptz := first_day::timestamp at time zone 'UTC';
  upper_bound timestamptz := (first_day + interval '1 month')::timestamp at time zone 'UTC';
  columns text := 'environment_id, id, organization_id, customer_external_id, name, occurred_at, properties, '
    || 'received_at, revision, voided_at';
begin
  -- Two nodes preparing the same month take turns; the second finds it made.
  perform pg_advisory_xact_lock(1702261872, hashtext(partition_name));
  if to_regclass(partition_name) is not null then
    return false;
  end if;
  -- Attaching takes this lock anyway; taking it first means no event enters
  -- the default partition between the copy and the delete below.
  lock table events_default in access exclusive mode;
  execute format('create table %I (like events including defaults including constraints)', partition_name);
  execute format(
    'insert into %I (%s) select %s from events_default where occurred_at >= $1 and occurred_at < $2',
    partition_name, columns, columns
  ) using lower_bound, upper_bound;
  delete from events_default where occurred_at >= lower_bound and occurred_at < upper_bound;
  execute format(
    'alter table events attach partition %I for values from (%L) to (%L)',
    partition_name, lower_bound, upper_bound
  );
  -- As the migrator does for every tenant table (row-level-security.ts, application-role.ts).
  execute format('alter table %I enable row level security', partition_name);
  execute format(
    'create policy tenant_isolation on %I using (environment_id = current_setting(%L, true) '
      || 'or current_setting(%L, true) = %L) with check (environment_id = current_setting(%L, true) '
      || 'or current_setting(%L, true) = %L)',
    partition_name, 'fairbill.environment_id', 'fairbill.all_tenants', 'on',
    'fairbill.environment_id', 'fairbill.all_tenants', 'on'
  );
  if exists (select 1 from pg_roles where rolname = 'fairbill_application') then
    execute format('grant select, insert, update, delete on %I to fairbill_application', partition_name);
  end if;
  return true;
end
$prepare$;

-- Detaches and drops the partition of the month holding `month_start` once
-- every event in it is archived (event_archives has the month for its
-- environment); refuses otherwise. Returns whether there was one to drop.
create function drop_archived_event_partition(month_start date) returns boolean
language plpgsql security definer set search_path from current as $drop$
declare
  partition_name text := 'events_' || to_char(date_trunc('month', month_start), 'YYYY_MM');
  lower_bound timestamptz := date_trunc('month', month_start)::date::timestamp at time zone 'UTC';
  unarchived text;
begin
  if to_regclass(partition_name) is null then
    return false;
  end if;
  execute format('lock table %I in share mode', partition_name);
  execute format(
    'select environment_id from %I as event where not exists (select 1 from event_archives as archive '
      || 'where archive.environment_id = event.environment_id and archive.range_start = $1) limit 1',
    partition_name
  ) into unarchived using lower_bound;
  if unarchived is not null then
    raise exception 'partition % holds events of environment % that are not archived', partition_name, unarchived;
  end if;
  execute format('alter table events detach partition %I', partition_name);
  execute format('drop table %I', partition_name);
  return true;
end
$drop$;

-- The months the stored events are in, and the current month and the next two.
select prepare_event_partition(month_start::date)
from (
  select distinct date_trunc('month', occurred_at at time zone 'UTC') as month_start from events_unpartitioned
  union
  select date_trunc('month', now() at time zone 'UTC') + interval '1 month' * ahead from generate_series(0, 2) as ahead
) as months;

insert into event_ids (environment_id, id, occurred_at)
select environment_id, id, occurred_at from events_unpartitioned;

insert into events (environment_id, id, organization_id, customer_external_id, name, occurred_at, properties,
  received_at, revision, voided_at)
select environment_id, id, organization_id, customer_external_id, name, occurred_at, properties,
  received_at, revision, voided_at
from events_unpartitioned;

drop table events_unpartitioned;
