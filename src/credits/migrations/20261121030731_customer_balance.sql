-- The customer balance: money owed TO the customer (a negative invoice total,
-- an overpayment, a credit note), per currency, used up by later invoices.
-- The summary row is locked by every movement, so entries are written one at
-- a time per customer and currency and balance_after is exact.
create table customer_balances (
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  currency text not null,
  balance numeric not null default 0 check (balance >= 0),
  updated_at timestamptz not null default now(),
  primary key (environment_id, customer_id, currency)
);

create table customer_balance_entries (
  id text primary key,
  sequence bigint generated always as identity,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  currency text not null,
  -- Positive adds to what is owed to the customer; negative uses it up.
  amount numeric not null check (amount <> 0),
  balance_after numeric not null check (balance_after >= 0),
  invoice_id text,
  credit_note_id text,
  reason text not null,
  occurred_at timestamptz not null
);

create index customer_balance_entries_customer on customer_balance_entries (environment_id, customer_id, sequence);
