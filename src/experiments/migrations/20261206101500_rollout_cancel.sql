-- Staged rollouts can be canceled: the rollout's status `canceled`, and the
-- status `canceled` of the stage that was watching when it was (its cohort
-- went back to the earlier version).
alter table rollouts drop constraint rollouts_status_check;
alter table rollouts add constraint rollouts_status_check
  check (status in ('running', 'completed', 'rolled_back', 'canceled'));

alter table rollout_stages drop constraint rollout_stages_status_check;
alter table rollout_stages add constraint rollout_stages_status_check
  check (status in ('pending', 'watching', 'clean', 'breached', 'skipped', 'canceled'));
