-- Invoices: drafts while their period is open or in its grace period, then
-- finalized (immutable, numbered without gaps per organization and prefix);
-- corrected only by credit notes. A trigger refuses any change to a finalized
-- invoice's content, even outside the application.

-- Per environment: who sells (printed on every invoice), numbering prefixes,
-- the default grace period and payment terms.
create table invoicing_settings (
  environment_id text primary key,
  organization_id text not null,
  seller_name text,
  seller_email text,
  seller_address jsonb,
  seller_country text,
  seller_region text,
  seller_tax_id text,
  invoice_prefix text not null,
  credit_note_prefix text not null,
  grace_period_hours integer not null default 0 check (grace_period_hours >= 0),
  net_payment_terms_days integer not null default 30 check (net_payment_terms_days >= 0),
  updated_at timestamptz not null default now()
);

-- The last number given per organization and prefix. Taken with a row lock in
-- the transaction that finalizes, so a rolled-back finalization leaves no gap.
create table document_number_sequences (
  organization_id text not null,
  prefix text not null,
  last_number bigint not null,
  primary key (organization_id, prefix)
);

create table invoices (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  origin text not null check (origin in ('subscription', 'one_off', 'progressive')),
  -- Subscription invoices: one per customer, currency and issue instant (the bill run's exactly-once key).
  billing_key text,
  status text not null check (status in ('draft', 'open', 'paid', 'partially_paid', 'uncollectible', 'void')),
  number text,
  currency text not null,
  issued_at timestamptz not null,
  period_start timestamptz,
  period_end timestamptz,
  due_at timestamptz,
  finalized_at timestamptz,
  voided_at timestamptz,
  void_reason text,
  subtotal numeric not null,
  discount numeric not null,
  credits numeric not null,
  tax numeric not null,
  total numeric not null,
  balance_applied numeric not null,
  amount_due numeric not null,
  amount_paid numeric not null default 0,
  amount_credited numeric not null default 0,
  discounts jsonb not null default '[]',
  credits_applied jsonb not null default '[]',
  tax_details jsonb,
  subscription_ids text[] not null default '{}',
  seller jsonb,
  buyer jsonb,
  locale text not null,
  timezone text not null,
  memo text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (environment_id, billing_key),
  unique (organization_id, number)
);

create index invoices_environment on invoices (environment_id, id);
create index invoices_customer on invoices (environment_id, customer_id, issued_at);
create index invoices_status on invoices (environment_id, status, issued_at);

create table invoice_lines (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  invoice_id text not null references invoices (id) on delete cascade,
  position integer not null,
  subscription_id text,
  plan_id text,
  plan_version_id text,
  charge_id text,
  kind text not null,
  description text not null,
  period_start timestamptz,
  period_end timestamptz,
  quantity numeric not null,
  unit_amount numeric,
  amount numeric not null,
  details jsonb not null default '{}',
  unique (invoice_id, position)
);

create index invoice_lines_invoice on invoice_lines (invoice_id, position);

create table credit_notes (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  invoice_id text not null references invoices (id),
  customer_id text not null references customers (id),
  number text not null,
  currency text not null,
  reason text not null check (reason in ('duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory', 'billing_error', 'other')),
  memo text,
  subtotal numeric not null,
  tax numeric not null,
  total numeric not null,
  -- What the credit note took off the invoice's remaining amount, and what went to the customer's balance.
  applied_to_invoice numeric not null,
  credited_to_balance numeric not null,
  issued_at timestamptz not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (organization_id, number)
);

create index credit_notes_environment on credit_notes (environment_id, id);
create index credit_notes_invoice on credit_notes (invoice_id);

create table credit_note_lines (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  credit_note_id text not null references credit_notes (id),
  position integer not null,
  invoice_line_id text references invoice_lines (id),
  description text not null,
  amount numeric not null,
  tax numeric not null,
  unique (credit_note_id, position)
);

-- A finalized invoice's content never changes: only its payment state (status,
-- amount_paid, amount_credited) and a void may. Lines of a finalized invoice
-- can be neither added, changed nor removed.
create function invoices_finalized_are_immutable() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft' and (
    new.number is distinct from old.number
    or new.customer_id is distinct from old.customer_id
    or new.currency is distinct from old.currency
    or new.issued_at is distinct from old.issued_at
    or new.period_start is distinct from old.period_start
    or new.period_end is distinct from old.period_end
    or new.due_at is distinct from old.due_at
    or new.finalized_at is distinct from old.finalized_at
    or new.subtotal is distinct from old.subtotal
    or new.discount is distinct from old.discount
    or new.credits is distinct from old.credits
    or new.tax is distinct from old.tax
    or new.total is distinct from old.total
    or new.balance_applied is distinct from old.balance_applied
    or new.amount_due is distinct from old.amount_due
    or new.discounts is distinct from old.discounts
    or new.credits_applied is distinct from old.credits_applied
    or new.tax_details is distinct from old.tax_details
    or new.seller is distinct from old.seller
    or new.buyer is distinct from old.buyer
    or new.memo is distinct from old.memo
    or new.billing_key is distinct from old.billing_key
    or new.status = 'draft'
    or (old.status = 'void' and new.status <> 'void')
  ) then
    raise exception 'invoice % is finalized and cannot be changed; issue a credit note', old.id;
  end if;
  return new;
end;
$$;

create trigger invoices_immutable
  before update on invoices
  for each row execute function invoices_finalized_are_immutable();

create function invoices_finalized_are_kept() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft' then
    raise exception 'invoice % is finalized and cannot be deleted', old.id;
  end if;
  return old;
end;
$$;

create trigger invoices_kept
  before delete on invoices
  for each row execute function invoices_finalized_are_kept();

create function invoice_lines_of_finalized_are_immutable() returns trigger language plpgsql as $$
declare
  parent_status text;
begin
  select status into parent_status from invoices
    where id = coalesce(new.invoice_id, old.invoice_id);
  if parent_status is not null and parent_status <> 'draft' then
    raise exception 'invoice % is finalized; its lines cannot change', coalesce(new.invoice_id, old.invoice_id);
  end if;
  return coalesce(new, old);
end;
$$;

create trigger invoice_lines_immutable
  before insert or update or delete on invoice_lines
  for each row execute function invoice_lines_of_finalized_are_immutable();

-- Credit notes are documents of record: never changed, never removed.
create function credit_notes_are_kept() returns trigger language plpgsql as $$
begin
  raise exception 'credit note % cannot be changed or deleted', old.id;
end;
$$;

create trigger credit_notes_kept
  before update or delete on credit_notes
  for each row execute function credit_notes_are_kept();

create trigger credit_note_lines_kept
  before update or delete on credit_note_lines
  for each row execute function credit_notes_are_kept();
