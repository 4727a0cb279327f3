-- Features granted to a customer directly, with an optional value or limit.
-- Until subscriptions exist these are what a customer's entitlements come
-- from; afterwards they override the plan version's entitlements.
create table customer_entitlement_grants (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null,
  feature_id text not null references features (id),
  -- A static feature's configuration value.
  value jsonb,
  -- A metered feature's limit per billing period; null is unlimited.
  usage_limit numeric,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Also the index that answers "what may this customer use" in one lookup.
  unique (environment_id, customer_id, feature_id)
);
