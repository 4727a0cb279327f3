-- Exchange rates by date, for reports in a reporting currency (invoices stay
-- in the customer's currency). One unit of base is worth rate units of quote
-- from effective_date until the pair's next rate. Entered through the API, or
-- fetched from the rate provider named in the finance settings.
create table finance_exchange_rates (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  base_currency text not null,
  quote_currency text not null,
  -- YYYY-MM-DD, a date of the accounting calendar.
  effective_date text not null,
  rate numeric not null check (rate > 0),
  -- "entered", or "provider" when fetched from the rate provider.
  source text not null,
  created_by text not null,
  created_at timestamptz not null,
  unique (environment_id, base_currency, quote_currency, effective_date)
);

-- The currency reports are also shown in (null: none), and the rate
-- provider's address (null: rates are only entered).
alter table finance_settings add column reporting_currency text;
alter table finance_settings add column exchange_rate_provider_url text;
