-- Customer-specific pricing: effective-dated overrides of one charge of a
-- subscription's plan (a unit price, tiers, an amount, or a percentage
-- discount). Rows are never changed: a new version of an override is a new
-- row, and the latest version in effect at an instant wins.
create table price_overrides (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null,
  subscription_id text not null,
  plan_id text not null references plans (id),
  charge_id text not null,
  -- price: replaces a price of the charge; discount: a percentage off it. One of each may apply at once.
  slot text not null check (slot in ('price', 'discount')),
  version integer not null check (version >= 1),
  override jsonb not null,
  effective_from timestamptz not null,
  effective_until timestamptz,
  created_at timestamptz not null default now(),
  unique (environment_id, subscription_id, charge_id, slot, version),
  check (effective_until is null or effective_until > effective_from)
);

create index price_overrides_customer on price_overrides (environment_id, customer_id, id);

create function price_overrides_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'price_overrides is append-only: % is not allowed; add a new version', tg_op;
end;
$$;

create trigger price_overrides_append_only
  before update or delete on price_overrides
  for each row execute function price_overrides_are_append_only();
