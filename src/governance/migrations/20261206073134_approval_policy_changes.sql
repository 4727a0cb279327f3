-- A change that loosens an environment's approval policy waits for a second
-- admin: proposed by one person, applied when another approves it.
create table approval_policy_changes (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  publish_requires_approval boolean not null,
  state text not null check (state in ('pending', 'applied', 'rejected')),
  proposed_by_actor_id text not null,
  proposed_by_person_id text,
  proposed_by_person_name text,
  reason text,
  decided_by_person_id text,
  decided_by_person_name text,
  created_at timestamptz not null,
  decided_at timestamptz
);

create index approval_policy_changes_environment on approval_policy_changes (environment_id, id);
