-- Contracts (issue #14, section 5): one customer's negotiated deal around one
-- subscription: its term and renewal, ramps (phases that switch the plan at
-- dates), a rate card and commitments, written in the scenario format's words
-- (docs/scenario-format-v2.md). The bill run reads it to shape the
-- subscription and to draw on its prepaid commits; the balances those draws
-- leave (the engine's commit ledger) and the postpaid true-ups billed are kept
-- here, moved by the finalization of each invoice.
create table contracts (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null,
  subscription_id text not null,
  currency text not null,
  start_at timestamptz not null,
  end_at timestamptz not null,
  renewal text not null check (renewal in ('none', 'auto')),
  -- {start, end, renewal, phases, rate_card, commits}: plans named by code.
  terms jsonb not null,
  -- The plan version each phase switches to, in the order of terms.phases.
  phase_version_ids jsonb not null default '[]',
  -- The prepaid commits' balances after the last finalized invoice; null before the first.
  commit_ledger jsonb,
  -- [{commit_id, term_start, amount}]: the postpaid commits' true-ups billed.
  commit_true_ups jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_at > start_at),
  unique (environment_id, subscription_id)
);

create index contracts_environment on contracts (environment_id, id);
create index contracts_customer on contracts (environment_id, customer_id);
