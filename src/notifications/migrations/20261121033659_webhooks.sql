-- Outgoing webhooks: where to send (endpoints), what happened (events, written
-- in the same transaction as the change they report: an outbox), and each
-- endpoint's copy of an event (deliveries) with every HTTP attempt made for it.
create table webhook_endpoints (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  url text not null,
  description text,
  -- Event types the endpoint receives; ["*"] receives every type.
  event_types jsonb not null,
  enabled boolean not null default true,
  -- The signing secret (whsec_…) is needed to sign, so it is kept, but the API shows it only on create and rotate.
  secret text not null,
  -- After a rotation the old secret also signs for a while, so receivers can switch without dropping events.
  previous_secret text,
  previous_secret_expires_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index webhook_endpoints_environment on webhook_endpoints (environment_id, id);

create table webhook_events (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  type text not null,
  data jsonb not null,
  created_at timestamptz not null default now()
);

create index webhook_events_environment on webhook_events (environment_id, id);
create index webhook_events_type on webhook_events (environment_id, type, id);

create table webhook_deliveries (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  event_id text not null references webhook_events (id),
  endpoint_id text not null references webhook_endpoints (id),
  -- pending (an attempt is due), succeeded, failed (every retry used up), canceled (endpoint disabled or deleted).
  status text not null check (status in ('pending', 'succeeded', 'failed', 'canceled')),
  attempt_count integer not null default 0,
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  last_response_status integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (event_id, endpoint_id)
);

create index webhook_deliveries_endpoint on webhook_deliveries (environment_id, endpoint_id, id);
create index webhook_deliveries_event on webhook_deliveries (event_id);

create table webhook_delivery_attempts (
  delivery_id text not null references webhook_deliveries (id),
  attempt_number integer not null,
  organization_id text not null,
  environment_id text not null,
  -- automatic (the retry schedule) or manual (a redelivery someone asked for).
  trigger text not null check (trigger in ('automatic', 'manual')),
  status text not null check (status in ('succeeded', 'failed')),
  started_at timestamptz not null,
  latency_milliseconds integer not null,
  response_status integer,
  response_body_excerpt text,
  error text,
  -- The queue job that made the attempt: a job run a second time (its worker died
  -- before recording the outcome) finds its attempt here and does not send again.
  job_id text not null unique,
  primary key (delivery_id, attempt_number)
);
