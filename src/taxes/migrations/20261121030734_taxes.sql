-- Taxes: the built-in table of rates by country and region, customers'
-- exemptions, and which tax provider each environment uses.

-- A rate is never edited once made (invoices cite it); a new rate with a later
-- valid_from takes over from that instant, and archiving takes one out of use.
create table tax_rates (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  -- ISO 3166-1 alpha-2, and for a region rate the subdivision code (CA for California, ON for Ontario).
  country text not null check (country ~ '^[A-Z]{2}$'),
  region text check (region ~ '^[A-Z0-9]{1,3}$'),
  name text not null,
  percent numeric not null check (percent >= 0 and percent <= 100),
  -- The prices already include this tax.
  inclusive boolean not null default false,
  -- EU VAT: a business customer in another member state accounts for it itself.
  reverse_charge_eligible boolean not null default false,
  -- Null: no start (or no end).
  valid_from timestamptz,
  valid_until timestamptz,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  check (valid_until is null or valid_from is null or valid_until > valid_from)
);

create index tax_rates_lookup on tax_rates (environment_id, country, region);
create index tax_rates_environment on tax_rates (environment_id, id);

-- At most one exemption in force per customer; a new one revokes the previous,
-- which stays as history.
create table tax_exemptions (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  reason text not null,
  certificate_id text,
  valid_until timestamptz,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create unique index tax_exemptions_current on tax_exemptions (environment_id, customer_id)
  where revoked_at is null;

-- Which provider quotes the tax of an environment's invoices; without a row,
-- the built-in table. The HTTP provider's secret is sent as a bearer token and
-- never returned by the API.
create table tax_settings (
  environment_id text primary key,
  organization_id text not null,
  provider_type text not null check (provider_type in ('built_in', 'http')),
  provider_url text,
  provider_secret text,
  provider_timeout_ms integer check (provider_timeout_ms between 100 and 30000),
  updated_at timestamptz not null default now(),
  check ((provider_type = 'http') = (provider_url is not null and provider_secret is not null))
);
