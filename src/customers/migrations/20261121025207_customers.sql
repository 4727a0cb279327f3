-- Customers: who is billed, with what billing needs to know about them.
create table customers (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  external_id text not null,
  name text,
  email text,
  billing_address jsonb,
  country text,
  tax_ids jsonb not null default '[]',
  currency text,
  timezone text not null default 'UTC',
  locale text not null default 'en-US',
  invoice_settings jsonb not null default '{}',
  metadata jsonb not null default '{}',
  parent_customer_id text references customers (id),
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (environment_id, external_id)
);

create index customers_environment on customers (environment_id, id);
create index customers_email on customers (environment_id, lower(email));
create index customers_parent on customers (environment_id, parent_customer_id);
