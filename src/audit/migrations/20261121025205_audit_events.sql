-- The append-only, hash-chained audit log (see src/governance/audit-log.ts).
create table audit_events (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  sequence bigint not null,
  occurred_at timestamptz not null,
  actor_type text not null,
  actor_id text,
  actor_role text,
  action text not null,
  object_type text not null,
  object_id text not null,
  before jsonb,
  after jsonb,
  reason text,
  request_id text,
  previous_hash text not null,
  hash text not null,
  unique (organization_id, sequence)
);

create index audit_events_object on audit_events (environment_id, object_type, object_id);
create index audit_events_time on audit_events (environment_id, occurred_at);

-- The last link of each organization's chain; locked while an entry is added so
-- that concurrent writers cannot fork the chain.
create table audit_chain_heads (
  organization_id text primary key,
  last_sequence bigint not null,
  last_hash text not null
);

-- Entries are never changed or removed through SQL either.
create function audit_events_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only: % is not allowed', tg_op;
end;
$$;

create trigger audit_events_append_only
  before update or delete on audit_events
  for each row execute function audit_events_are_append_only();
