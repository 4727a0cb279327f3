-- Quantities of fixed charges (seats, licences): each fixed charge's quantity
-- at the subscription's start (charge id → whole number; a charge not named
-- holds 1), and the changes of a quantity from an instant on, in the order
-- they take effect. Rows of the changes are history and never change. The
-- window in which usage billed in advance is invoiced is the subscription's.
alter table subscriptions add column quantities jsonb not null default '{}';
alter table subscriptions add column instant_window_minutes integer not null default 60
  check (instant_window_minutes between 1 and 1440);

create table subscription_quantity_changes (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  subscription_id text not null references subscriptions (id),
  sequence integer not null check (sequence >= 1),
  charge_id text not null,
  quantity integer not null check (quantity between 0 and 1000000),
  at timestamptz not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (subscription_id, sequence)
);

create trigger subscription_quantity_changes_append_only
  before update or delete on subscription_quantity_changes
  for each row execute function subscription_changes_are_append_only();
