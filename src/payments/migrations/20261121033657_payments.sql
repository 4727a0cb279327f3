-- Payments: how an environment collects (its provider and the provider's
-- credentials), the customers and payment methods it keeps at the provider,
-- the payments and refunds against invoices, disputes, and the provider
-- events already processed (so a redelivered webhook changes nothing).

-- One row per environment that collects through a provider; no row means
-- payments are recorded by hand (the manual provider).
create table payment_provider_settings (
  environment_id text primary key references environments (id),
  organization_id text not null,
  provider text not null check (provider in ('manual', 'stripe')),
  -- Kept because every call to Stripe needs them; the API never shows them again.
  stripe_secret_key text,
  stripe_webhook_secret text,
  -- Where the Stripe API answers: Stripe itself when null; a local server in tests.
  stripe_api_base_url text,
  updated_at timestamptz not null default now(),
  check (provider <> 'stripe' or (stripe_secret_key is not null and stripe_webhook_secret is not null))
);

-- The provider's customer standing for a Fairbill customer.
create table payment_provider_customers (
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  provider text not null,
  provider_customer_id text not null,
  created_at timestamptz not null default now(),
  primary key (environment_id, customer_id, provider)
);

create table payment_methods (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  provider text not null,
  provider_payment_method_id text not null,
  type text not null,
  card_brand text,
  card_last4 text,
  card_exp_month integer,
  card_exp_year integer,
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (environment_id, provider, provider_payment_method_id)
);

create index payment_methods_customer on payment_methods (environment_id, customer_id, id);
create unique index payment_methods_one_default on payment_methods (environment_id, customer_id) where is_default;

create table payments (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  invoice_id text not null references invoices (id),
  provider text not null check (provider in ('manual', 'stripe')),
  method text not null check (method in ('card', 'bank_transfer', 'cheque', 'cash', 'other')),
  -- What started it: recorded by hand, charged when the invoice was finalized, asked for
  -- (POST /collect), a dunning retry, or made at the provider outside Fairbill.
  origin text not null check (origin in ('manual', 'automatic', 'requested', 'dunning_retry', 'provider')),
  status text not null check (status in ('pending', 'succeeded', 'failed')),
  currency text not null,
  amount numeric not null check (amount > 0),
  -- Of a succeeded payment: the part that paid the invoice and the part that went to the customer balance.
  amount_applied numeric not null default 0,
  amount_to_balance numeric not null default 0,
  amount_refunded numeric not null default 0,
  reference text,
  payment_method_id text references payment_methods (id),
  provider_payment_id text,
  failure_code text,
  decline_code text,
  failure_message text,
  hard_decline boolean not null default false,
  received_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (amount_refunded >= 0 and amount_refunded <= amount),
  unique (environment_id, provider, provider_payment_id)
);

create index payments_environment on payments (environment_id, id);
create index payments_invoice on payments (environment_id, invoice_id, id);
create index payments_customer on payments (environment_id, customer_id, id);

create table refunds (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  payment_id text not null references payments (id),
  invoice_id text not null references invoices (id),
  customer_id text not null references customers (id),
  -- Asked for through Fairbill, or made at the provider (its dashboard) and learnt from a webhook.
  origin text not null check (origin in ('fairbill', 'provider')),
  status text not null check (status in ('pending', 'succeeded', 'failed')),
  currency text not null,
  amount numeric not null check (amount > 0),
  -- Of a succeeded refund: what it took back from the invoice's payments and from the customer balance.
  amount_from_invoice numeric not null default 0,
  amount_from_balance numeric not null default 0,
  reason text not null,
  provider_refund_id text,
  failure_message text,
  refunded_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (environment_id, provider_refund_id)
);

create index refunds_payment on refunds (environment_id, payment_id, id);

create table payment_disputes (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  payment_id text not null references payments (id),
  invoice_id text not null references invoices (id),
  customer_id text not null references customers (id),
  provider_dispute_id text not null,
  currency text not null,
  amount numeric not null,
  reason text not null,
  status text not null,
  opened_at timestamptz not null,
  created_at timestamptz not null,
  unique (environment_id, provider_dispute_id)
);

create index payment_disputes_payment on payment_disputes (environment_id, payment_id);

-- A provider event is processed in the transaction that inserts its row, so
-- each event id changes Fairbill once however often it is delivered.
create table payment_provider_events (
  organization_id text not null,
  environment_id text not null,
  provider text not null,
  event_id text not null,
  type text not null,
  outcome text not null,
  received_at timestamptz not null,
  primary key (environment_id, provider, event_id)
);
