-- Every attempt shows in the delivery log, the one whose worker died too. An
-- attempt is written as in_progress (committed) before the request leaves,
-- and takes its outcome when the answer comes. A worker killed in between
-- leaves it in_progress; the job's next run marks it abandoned (its latency
-- then is the time until that was found) and makes a new attempt beside it.
-- So one job may hold several attempts, but only one with an outcome.
alter table webhook_delivery_attempts drop constraint webhook_delivery_attempts_status_check;
alter table webhook_delivery_attempts add constraint webhook_delivery_attempts_status_check
  check (status in ('in_progress', 'succeeded', 'failed', 'abandoned'));
alter table webhook_delivery_attempts drop constraint webhook_delivery_attempts_job_id_key;
create unique index webhook_delivery_attempts_job_outcome on webhook_delivery_attempts (job_id)
  where status in ('succeeded', 'failed');
create index webhook_delivery_attempts_job on webhook_delivery_attempts (job_id);
