-- Which changes need a second person's approval, per environment. No row means
-- the default for the environment's kind: approval required in live, not in test.
create table approval_policies (
  environment_id text primary key,
  organization_id text not null,
  publish_requires_approval boolean not null,
  updated_at timestamptz not null default now()
);

-- The review trail of a change: who submitted it, approved or rejected it, or
-- commented on it, when, and with what comment. Like the audit log, never
-- changed once written.
create table approvals (
  id text primary key,
  -- The order steps were taken in, even when two share a clock reading.
  position bigint generated always as identity,
  organization_id text not null,
  environment_id text not null,
  object_type text not null,
  object_id text not null,
  action text not null check (action in ('submitted', 'approved', 'rejected', 'commented')),
  actor_type text not null,
  actor_id text not null,
  actor_role text,
  comment text,
  created_at timestamptz not null
);

create index approvals_object on approvals (environment_id, object_type, object_id, position);

create function approvals_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'approvals is append-only: % is not allowed', tg_op;
end;
$$;

create trigger approvals_append_only
  before update or delete on approvals
  for each row execute function approvals_are_append_only();

-- Listing the audit log newest first, filtered by actor or action, stays an index scan.
create index audit_events_environment_sequence on audit_events (environment_id, sequence);
create index audit_events_actor on audit_events (environment_id, actor_id, sequence);
create index audit_events_action on audit_events (environment_id, action, sequence);
