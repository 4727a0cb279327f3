-- External sales (issue #21, item 5): transactions a partner's own system
-- reports (a marketplace's or a point of sale's export), uploaded as CSV or
-- sent as JSON, each once per partner and external id; and each partner's
-- mapping of its item codes to a plan, charge or product. Whether a sale is
-- matched against the partner's statements is computed when it is read, from
-- the statements and mappings as they stand then; nothing of it is stored.
create table partner_item_mappings (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  partner_id text not null references partners (id),
  external_item text not null,
  item_kind text not null check (item_kind in ('plan', 'charge', 'product')),
  item_code text not null,
  created_at timestamptz not null default now(),
  unique (environment_id, partner_id, external_item)
);

create table partner_external_sales (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  partner_id text not null references partners (id),
  external_id text not null,
  occurred_at timestamptz not null,
  -- The customer's external id or Fairbill id, as the partner's system names it.
  customer_reference text not null,
  external_item text not null,
  quantity numeric not null,
  amount numeric not null,
  currency text not null,
  created_at timestamptz not null default now(),
  unique (environment_id, partner_id, external_id)
);

create index partner_external_sales_partner on partner_external_sales (environment_id, partner_id, occurred_at);
