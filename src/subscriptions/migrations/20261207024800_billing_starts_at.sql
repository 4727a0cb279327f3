-- Backfill mode (issue #18): a subscription moved over from another billing
-- system keeps its real start (its history, anniversary and trial) but is
-- billed by Fairbill only from this instant; null means from its start.
alter table subscriptions add column billing_starts_at timestamptz;
