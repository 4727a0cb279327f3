-- Usage events, exactly once per (environment, event id): ingestion inserts
-- with ON CONFLICT DO NOTHING on the primary key, so a repeat of an id, sent
-- at the same time or a year later, is acknowledged and never stored twice.
-- Not partitioned by time: a partitioned table cannot hold a unique index
-- without the partition key, and the id alone must be unique.
create table events (
  environment_id text not null,
  -- The caller's id for the event, its idempotency key.
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
  primary key (environment_id, id)
);

-- The explorer (by customer, newest first), usage edges and re-aggregation of an hour.
create index events_customer_time on events (environment_id, customer_external_id, occurred_at);
-- The explorer without a customer, and recounting from a meter version's start.
create index events_time on events (environment_id, occurred_at);

-- Each previous state of a corrected event, never overwritten.
create table event_revisions (
  environment_id text not null,
  event_id text not null,
  -- The revision number the event had in this state.
  revision integer not null,
  organization_id text not null,
  customer_external_id text not null,
  name text not null,
  occurred_at timestamptz not null,
  properties jsonb not null,
  voided_at timestamptz,
  -- What replaced this state, why, when and by whom.
  change text not null check (change in ('amended', 'voided')),
  reason text not null,
  changed_at timestamptz not null,
  actor_type text not null,
  actor_id text,
  request_id text,
  primary key (environment_id, event_id, revision)
);

-- Every customer external id that events have named, so that the ones no
-- customer has (yet) can be listed without scanning the events.
create table event_customers (
  environment_id text not null,
  customer_external_id text not null,
  organization_id text not null,
  first_received_at timestamptz not null,
  primary key (environment_id, customer_external_id)
);
