-- Draft holds: a subscription draft that must not be finalized until someone
-- (or a rollout's guardrails) looks at it. A hold names the draft it holds; a
-- hold placed ahead of time on a customer (a staged rollout watching its
-- cohort) names no draft yet and takes the first draft of the customer issued
-- at or after `issued_from`. Released and discarded holds stay as the record.
create table invoice_holds (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  invoice_id text,
  issued_from timestamptz,
  source text not null check (source in ('anomaly_guard', 'rollout')),
  source_id text,
  reason text not null,
  details jsonb not null default '{}',
  status text not null check (status in ('active', 'released', 'discarded')),
  created_by text not null,
  created_at timestamptz not null,
  held_at timestamptz,
  resolved_by text,
  resolved_at timestamptz,
  resolution_reason text,
  check ((invoice_id is null) = (held_at is null)),
  check (invoice_id is not null or issued_from is not null)
);

create index invoice_holds_environment on invoice_holds (environment_id, id);
create index invoice_holds_customer on invoice_holds (environment_id, customer_id, status);
create index invoice_holds_invoice on invoice_holds (environment_id, invoice_id);
create index invoice_holds_source on invoice_holds (environment_id, source, source_id);

-- The standing guard of every bill run: a subscription draft whose total moved
-- more than this percentage against the mean of the customer's previous
-- invoices (or that fell from positive to zero or below) is held for review
-- instead of finalized. Null: no standing guard.
alter table invoicing_settings add column held_draft_change_percent numeric
  check (held_draft_change_percent is null or held_draft_change_percent > 0);
-- How many of the customer's previous finalized invoices make that mean.
alter table invoicing_settings add column held_draft_history_invoices integer not null default 3
  check (held_draft_history_invoices between 1 and 24);
