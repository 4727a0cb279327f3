-- The audit chain is keyed (issue 18, finding 3): each new entry's hash is an
-- HMAC under the server's audit key, kept outside the database, so someone
-- who can write SQL cannot recompute the chain after changing an entry.
-- Entries written before this keep their plain SHA-256 hashes (keyed false);
-- the first signed checkpoint covers them.
alter table audit_events add column keyed boolean not null default false;

-- TRUNCATE skips row triggers: refuse it with a statement trigger.
create trigger audit_events_no_truncate
  before truncate on audit_events
  for each statement execute function audit_events_are_append_only();

-- Signed checkpoints of each organization's chain: the sequence and hash of
-- its last entry at the time, signed with a key derived from the audit key.
-- The same lines go to a file outside the database (audit-checkpoints.jsonl
-- in the data folder), so removing entries, or these rows, is caught.
create table audit_checkpoints (
  organization_id text not null,
  sequence bigint not null,
  hash text not null,
  signed_at timestamptz not null,
  signature text not null,
  primary key (organization_id, sequence)
);

create function audit_checkpoints_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_checkpoints is append-only: % is not allowed', tg_op;
end;
$$;

create trigger audit_checkpoints_append_only
  before update or delete on audit_checkpoints
  for each row execute function audit_checkpoints_are_append_only();

create trigger audit_checkpoints_no_truncate
  before truncate on audit_checkpoints
  for each statement execute function audit_checkpoints_are_append_only();
