-- Beyond plan versions, the approval policy covers credit grants, coupons and
-- price overrides above amounts the organization sets, plan migrations and
-- rollouts: which of them need approval is kept beside the policy, and a
-- proposed change of the policy carries the whole proposal.
alter table approval_policies add column approval_required_for jsonb;
alter table approval_policy_changes add column approval_required_for jsonb;

-- A change refused until another person approves it: what was asked (the
-- request as sent, and its fingerprint), who asked, who decided, and the
-- object made when the author sent the approved request again.
create table approval_requests (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  kind text not null check (kind in ('credit_grant', 'coupon', 'price_override', 'plan_migration', 'rollout')),
  state text not null check (state in ('pending', 'approved', 'rejected', 'used')),
  summary text not null,
  target_id text,
  request jsonb not null,
  fingerprint text not null,
  requested_by_actor_id text not null,
  requested_by_person_id text,
  requested_by_person_name text,
  reason text,
  decided_by_actor_id text,
  decided_by_person_id text,
  decided_by_person_name text,
  decision_comment text,
  decided_at timestamptz,
  used_for_object_id text,
  used_at timestamptz,
  created_at timestamptz not null
);

create index approval_requests_environment on approval_requests (environment_id, id);
create index approval_requests_fingerprint on approval_requests (environment_id, fingerprint, state);
