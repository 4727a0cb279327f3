-- Account hierarchies (issue #21): how a parent customer's children are
-- billed. separate (the default): each child gets its own invoices.
-- consolidated: the children's subscriptions are billed on the parent's
-- invoices, a section per child, and the children get none of their own.
alter table customers add column child_billing text not null default 'separate'
  check (child_billing in ('separate', 'consolidated'));
