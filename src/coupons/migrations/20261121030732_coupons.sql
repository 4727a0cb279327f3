-- Coupons: discounts defined once (percentage or fixed, for one invoice, a
-- number of invoices, or forever, possibly limited to plans or meters) and
-- redeemed by customers. A redemption is what invoices apply; it counts the
-- invoices it has taken part in, and each discount it gave is kept.
create table coupons (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  code text not null,
  name text not null,
  type text not null check (type in ('percentage', 'fixed')),
  percent numeric check (percent > 0 and percent <= 100),
  amount numeric check (amount > 0),
  currency text,
  duration text not null check (duration in ('once', 'repeating', 'forever')),
  duration_invoices integer check (duration_invoices >= 1),
  applies_to_plan_ids jsonb not null default '[]',
  applies_to_meter_codes jsonb not null default '[]',
  max_redemptions integer check (max_redemptions >= 1),
  -- Every redemption ever made, removed ones included: max_redemptions caps this.
  redemption_count integer not null default 0,
  redeem_by timestamptz,
  archived_at timestamptz,
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (
    (type = 'percentage' and percent is not null and amount is null and currency is null)
    or (type = 'fixed' and percent is null and amount is not null and currency is not null)
  ),
  check ((duration = 'repeating') = (duration_invoices is not null)),
  check (max_redemptions is null or redemption_count <= max_redemptions)
);

-- Codes are typed by people: "SPRING25" and "spring25" are one code.
create unique index coupons_code on coupons (environment_id, lower(code));
create index coupons_environment on coupons (environment_id, id);

create table coupon_redemptions (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  coupon_id text not null references coupons (id),
  customer_id text not null references customers (id),
  -- Limits the redemption to one subscription's invoices; null: every invoice of the customer.
  subscription_id text,
  -- Invoices with a positive subtotal counted so far (the engine's couponInvoiceCounts).
  invoice_count integer not null default 0 check (invoice_count >= 0),
  redeemed_at timestamptz not null,
  removed_at timestamptz,
  removal_reason text
);

create index coupon_redemptions_customer on coupon_redemptions (environment_id, customer_id, id);
create index coupon_redemptions_coupon on coupon_redemptions (coupon_id);
-- A customer holds a coupon once at a time (per subscription, when bound to one).
create unique index coupon_redemptions_one_in_force
  on coupon_redemptions (environment_id, customer_id, coupon_id, coalesce(subscription_id, ''))
  where removed_at is null;

-- The discount each redemption gave on each invoice.
create table coupon_discounts (
  redemption_id text not null references coupon_redemptions (id),
  invoice_id text not null,
  organization_id text not null,
  environment_id text not null,
  amount numeric not null check (amount >= 0),
  recorded_at timestamptz not null,
  primary key (redemption_id, invoice_id)
);

create index coupon_discounts_invoice on coupon_discounts (environment_id, invoice_id);
