-- Partners and their settlements (issue #21, items 3 and 4): resellers,
-- referral partners, marketplaces and installers; their agreements (revenue
-- share by product, plan or charge, volume tiers, a fee per activated
-- customer, a minimum guarantee, clawbacks, cash or accrual basis); the
-- customers attributed to them from a date; and a statement per partner and
-- month, computed from finalized invoices and payments, approved by a second
-- person, then recorded as paid. An approved statement is never edited: a
-- later correction of its month is an adjustment line of the next one.
create table partners (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  code text not null,
  name text not null,
  kind text not null check (kind in ('reseller', 'referral', 'marketplace', 'installer')),
  email text,
  currency text not null,
  created_at timestamptz not null default now(),
  unique (environment_id, code)
);

create table partner_agreements (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  partner_id text not null references partners (id),
  -- {basis, revenue_shares, volume_tiers, activation_fee, minimum_guarantee, clawback}
  terms jsonb not null,
  effective_from timestamptz not null,
  created_at timestamptz not null default now(),
  unique (environment_id, partner_id, effective_from)
);

create table partner_attributions (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  partner_id text not null references partners (id),
  customer_id text not null,
  attributed_from timestamptz not null,
  created_at timestamptz not null default now(),
  unique (environment_id, customer_id)
);

create table partner_settlements (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  partner_id text not null references partners (id),
  agreement_id text not null references partner_agreements (id),
  period text not null,
  period_start timestamptz not null,
  period_end timestamptz not null,
  currency text not null,
  status text not null check (status in ('draft', 'approved', 'paid')),
  -- [{kind, source: {type, id, reference}, invoice_id, customer_id, description, base, percent, amount}]
  lines jsonb not null,
  earned numeric not null,
  total numeric not null,
  created_by text not null,
  approved_by text,
  approved_at timestamptz,
  paid_at timestamptz,
  payment_reference text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (environment_id, partner_id, period)
);

create index partner_settlements_partner on partner_settlements (environment_id, partner_id, period_start);
