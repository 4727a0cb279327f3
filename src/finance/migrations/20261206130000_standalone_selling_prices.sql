-- Standalone selling prices (ASC 606 step 4): what a product, or one charge of
-- a plan, sells for on its own, per currency and billing period. Revenue of an
-- invoice's fixed fees is allocated over them by relative standalone selling
-- price; a fee without one weighs its list price.
create table finance_standalone_selling_prices (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  -- Either a product's code, or a plan's code with one of its charges' ids.
  product text,
  plan_code text,
  charge_id text,
  currency text not null,
  amount numeric not null check (amount >= 0),
  updated_by text not null,
  updated_at timestamptz not null,
  check ((product is null) = (charge_id is not null)),
  check ((plan_code is null) = (charge_id is null))
);

create unique index finance_standalone_selling_prices_target
  on finance_standalone_selling_prices (environment_id, coalesce(product, ''), coalesce(plan_code, ''), coalesce(charge_id, ''), currency);
