-- Account hierarchies (issue #21): a parent's subscription that prices the
-- usage of the parent and of all its child customers together, summed per
-- meter before tiers and allowances.
alter table subscriptions add column pool_usage_with_children boolean not null default false;
