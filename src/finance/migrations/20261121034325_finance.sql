-- Finance: the accounting settings of an environment (its chart of accounts
-- and the time zone its months are counted in), locked periods, the journal
-- exports handed to the general ledger, and billing disputes.

-- Per environment; an environment without a row uses the defaults (UTC and the
-- default chart of accounts).
create table finance_settings (
  environment_id text primary key,
  organization_id text not null,
  -- IANA zone in which accounting months start and end.
  timezone text not null,
  -- Overrides of the default chart, by account key: {"revenue": {"code": "4000", "name": "Revenue"}}.
  accounts jsonb not null default '{}',
  updated_at timestamptz not null default now()
);

-- A locked accounting month: nothing dated in it may change afterwards (no
-- finalization, void or credit note dated inside it). The instants are kept,
-- so a lock means the same stretch of time whatever the settings say later.
-- Locks are permanent: a correction goes on a credit note in an open period.
create table finance_period_locks (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  -- "2026-10"
  period text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  timezone text not null,
  locked_at timestamptz not null,
  locked_by text not null,
  reason text,
  -- The close checklist as it stood at the lock.
  checklist jsonb not null,
  unique (environment_id, period),
  check (ends_at > starts_at)
);

create index finance_period_locks_time on finance_period_locks (environment_id, starts_at, ends_at);

create function finance_period_locks_are_kept() returns trigger language plpgsql as $$
begin
  raise exception 'period lock % cannot be changed or removed', old.id;
end;
$$;

create trigger finance_period_locks_kept
  before update or delete on finance_period_locks
  for each row execute function finance_period_locks_are_kept();

-- A journal export as it was handed over: its entries are kept as generated,
-- and its digest tells whether the books of the period have changed since.
create table finance_journal_exports (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  period text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  timezone text not null,
  entry_count integer not null,
  -- Per currency: [{"currency": "USD", "debit": "100.00", "credit": "100.00"}].
  totals jsonb not null,
  -- SHA-256 of the canonical JSON of the entries.
  digest text not null,
  entries jsonb not null,
  created_by text not null,
  created_at timestamptz not null
);

create index finance_journal_exports_period on finance_journal_exports (environment_id, period, id);

-- A customer's dispute of an invoice or one of its lines: open until billing
-- ops resolve it with a credit note or reject it.
create table finance_disputes (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  invoice_id text not null references invoices (id),
  invoice_line_id text references invoice_lines (id),
  currency text not null,
  -- What the customer disputes; at most what is left to credit when opened.
  amount numeric not null check (amount > 0),
  reason text not null,
  status text not null check (status in ('open', 'credited', 'rejected')),
  opened_at timestamptz not null,
  opened_by text not null,
  resolved_at timestamptz,
  resolved_by text,
  resolution_note text,
  credit_note_id text references credit_notes (id),
  updated_at timestamptz not null,
  check ((status = 'open') = (resolved_at is null)),
  check ((status = 'credited') = (credit_note_id is not null))
);

create index finance_disputes_environment on finance_disputes (environment_id, id);
create index finance_disputes_invoice on finance_disputes (environment_id, invoice_id);
create index finance_disputes_open on finance_disputes (environment_id, opened_at) where status = 'open';

-- What happened while a dispute was open: notes of billing ops and the customer's answers.
create table finance_dispute_notes (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  dispute_id text not null references finance_disputes (id),
  body text not null,
  created_by text not null,
  created_at timestamptz not null
);

create index finance_dispute_notes_dispute on finance_dispute_notes (dispute_id, id);
