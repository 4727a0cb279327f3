-- Prepaid credits: grants of money a customer's invoices can use, wallets that
-- hold purchased grants, and the ledger of every movement of a grant's balance.
--
-- One account row per customer and currency carries the ledger balance; every
-- ledger write locks it first, so the movements of one account are written one
-- at a time and each entry's balance_after is exact.
create table credit_accounts (
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  currency text not null,
  -- The sum of the account's ledger entries, which is the sum of its grants' remaining.
  balance numeric not null default 0 check (balance >= 0),
  updated_at timestamptz not null default now(),
  primary key (environment_id, customer_id, currency)
);

create table wallets (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  currency text not null,
  name text not null,
  -- Credits per unit of money: a top-up of `amount` credits is worth amount / rate.
  rate numeric not null check (rate > 0),
  -- In credits. Both set, or neither.
  auto_top_up_threshold numeric check (auto_top_up_threshold >= 0),
  auto_top_up_amount numeric check (auto_top_up_amount > 0),
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((auto_top_up_threshold is null) = (auto_top_up_amount is null))
);

create index wallets_customer on wallets (environment_id, customer_id, id);

create table credit_grants (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  wallet_id text references wallets (id),
  currency text not null,
  name text not null,
  type text not null check (type in ('promotional', 'purchased')),
  -- Money, in the currency, never more digits than its minor unit.
  amount numeric not null check (amount > 0),
  remaining numeric not null check (remaining >= 0 and remaining <= amount),
  -- What the customer paid for a purchased grant (revenue recognition); null for promotional ones.
  cost_basis numeric check (cost_basis >= 0),
  priority integer not null,
  effective_at timestamptz not null,
  expires_at timestamptz,
  voided_at timestamptz,
  void_reason text,
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  check (expires_at is null or expires_at > effective_at),
  check ((type = 'purchased') = (cost_basis is not null))
);

create index credit_grants_customer on credit_grants (environment_id, customer_id, currency, id);
create index credit_grants_wallet on credit_grants (wallet_id) where wallet_id is not null;
-- What expireCredits looks for: grants with something left whose expiry has come.
create index credit_grants_expiring on credit_grants (environment_id, expires_at) where remaining > 0;

create table credit_ledger_entries (
  id text primary key,
  -- The order entries were written in; within one account it is the order of balance_after.
  sequence bigint generated always as identity,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null,
  currency text not null,
  grant_id text not null references credit_grants (id),
  wallet_id text,
  kind text not null check (kind in ('increment', 'burn', 'expiry', 'void', 'void_reversal')),
  -- Signed: positive for increment and void_reversal, negative for burn, expiry and void.
  amount numeric not null,
  grant_balance_after numeric not null,
  -- The account's balance (all grants of the customer in the currency) after this entry.
  balance_after numeric not null,
  invoice_id text,
  -- An increment from an automatic wallet top-up.
  automatic boolean not null default false,
  reason text,
  occurred_at timestamptz not null,
  created_at timestamptz not null default now(),
  check (
    (kind in ('increment', 'void_reversal') and amount > 0)
    or (kind in ('burn', 'expiry', 'void') and amount < 0)
  ),
  check ((kind in ('burn', 'void_reversal')) = (invoice_id is not null))
);

create index credit_ledger_customer on credit_ledger_entries (environment_id, customer_id, sequence);
create index credit_ledger_invoice on credit_ledger_entries (environment_id, invoice_id)
  where invoice_id is not null;
-- An invoice burns a grant once, and a void gives it back once: a retried bill run cannot burn twice.
create unique index credit_ledger_once_per_invoice on credit_ledger_entries (grant_id, invoice_id, kind)
  where invoice_id is not null;

-- Wallet top-ups the customer pays for. invoice_id is the one-off invoice that bills the purchase.
create table credit_purchases (
  grant_id text primary key references credit_grants (id),
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  wallet_id text not null references wallets (id),
  currency text not null,
  credits numeric not null check (credits > 0),
  paid_amount numeric not null check (paid_amount > 0),
  automatic boolean not null,
  invoice_id text,
  created_at timestamptz not null default now()
);

create index credit_purchases_uninvoiced on credit_purchases (environment_id, created_at)
  where invoice_id is null;
