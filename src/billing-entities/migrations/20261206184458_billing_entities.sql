-- Billing entities (issue #21, item 1): the legal entities an organization
-- invoices through, each with its legal details, its own invoice and credit
-- note prefixes (so its own gapless sequences), its bank and payment
-- instructions, its default currency, its document branding and its
-- payment-provider account; and which entity each customer belongs to from
-- which instant (a move takes effect at a month boundary of the customer's
-- time zone, and never rewrites what was invoiced before it).
create table billing_entities (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  code text not null,
  legal_name text not null,
  email text,
  -- {line1, line2, city, postal_code, state, country}
  address jsonb,
  country text not null,
  region text,
  -- [{type, value}]: VAT, GST, EIN… registrations printed on its documents
  tax_registrations jsonb not null default '[]',
  invoice_prefix text not null,
  credit_note_prefix text not null,
  payment_instructions text,
  default_currency text not null,
  -- {accent_color, logo_url, footer}
  branding jsonb not null default '{}',
  payment_provider_account text,
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (environment_id, code),
  unique (environment_id, invoice_prefix),
  unique (environment_id, credit_note_prefix)
);

create unique index billing_entities_one_default on billing_entities (environment_id) where is_default;

create table customer_billing_entities (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null,
  billing_entity_id text not null references billing_entities (id),
  effective_from timestamptz not null,
  created_at timestamptz not null default now(),
  unique (environment_id, customer_id, effective_from)
);

create index customer_billing_entities_customer on customer_billing_entities (environment_id, customer_id, effective_from);
