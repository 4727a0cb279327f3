-- Plan changes (issue #19, the portal's approval path) go through the same
-- approval as other guarded changes when the policy's
-- approval_required_for.plan_changes says so.
alter table approval_requests drop constraint approval_requests_kind_check;
alter table approval_requests add constraint approval_requests_kind_check
  check (kind in ('credit_grant', 'coupon', 'price_override', 'plan_migration', 'rollout', 'contract', 'plan_change'));
