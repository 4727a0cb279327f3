-- A migration can take back an earlier one (a staged rollout rolled back by
-- its guardrails): each of its subscribers gets a change back to the earlier
-- version at the instant of the earlier migration's change, so the later
-- version never applies. Such a migration has the timing 'revert' and names the
-- migration it takes back.
alter table plan_version_migrations drop constraint plan_version_migrations_timing_check;
alter table plan_version_migrations add constraint plan_version_migrations_timing_check
  check (timing in ('now', 'next_period', 'at', 'revert'));
alter table plan_version_migrations add column reverts_migration_id text references plan_version_migrations (id);
alter table plan_version_migrations add check ((timing = 'revert') = (reverts_migration_id is not null));
