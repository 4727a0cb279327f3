-- Domain events (src/platform/events): what one domain tells others after its
-- commit, written in the same transaction as the change (a transactional
-- outbox) and handed to each subscriber by a job. A receipt per event and
-- subscriber records that the subscriber has handled it, so a retry of the
-- event's job skips the subscribers that are done.
create table domain_events (
  id text primary key,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  type text not null,
  payload jsonb not null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now()
);

create index domain_events_environment on domain_events (environment_id, id);
create index domain_events_recorded on domain_events (recorded_at);

create table domain_event_receipts (
  event_id text not null references domain_events (id) on delete cascade,
  subscriber text not null,
  handled_at timestamptz not null default now(),
  primary key (event_id, subscriber)
);
