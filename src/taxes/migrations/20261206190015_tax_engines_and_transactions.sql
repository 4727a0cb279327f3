-- Tax engines (issue 20): Stripe Tax and Avalara AvaTax beside the built-in
-- table and the HTTP calculator. Stripe Tax keeps its secret key in
-- provider_secret and an optional API base in provider_url; AvaTax keeps its
-- license key in provider_secret, its server in provider_url, and its account
-- id and company code in the two new columns.
alter table tax_settings drop constraint if exists tax_settings_provider_type_check;
alter table tax_settings drop constraint if exists tax_settings_check;
alter table tax_settings add column provider_account_id text;
alter table tax_settings add column provider_company_code text;
alter table tax_settings add constraint tax_settings_provider_type_check
  check (provider_type in ('built_in', 'http', 'stripe_tax', 'avalara'));
alter table tax_settings add constraint tax_settings_provider_fields_check check (
  (provider_type = 'built_in' and provider_url is null and provider_secret is null)
  or (provider_type = 'http' and provider_url is not null and provider_secret is not null)
  or (provider_type = 'stripe_tax' and provider_secret is not null)
  or (provider_type = 'avalara' and provider_url is not null and provider_secret is not null
      and provider_account_id is not null and provider_company_code is not null)
);

-- Each finalized invoice recorded once with the tax engine (its filing
-- record), and reversed once when the invoice is voided. The invoice's
-- figures are kept as they were sent, so a retry sends the same.
create table tax_transactions (
  invoice_id text not null,
  environment_id text not null,
  organization_id text not null,
  provider_type text not null check (provider_type in ('stripe_tax', 'avalara')),
  invoice jsonb not null,
  state text not null check (state in ('pending', 'recorded', 'void_pending', 'voided', 'cancelled')),
  external_id text,
  attempts integer not null default 0,
  last_error text,
  recorded_at timestamptz,
  voided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (environment_id, invoice_id)
);
