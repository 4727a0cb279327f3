-- Contract amendments (issue #14, section 5): a contract's terms change by
-- effective-dated amendments, each a new version of the terms kept with the
-- terms before and after, its author, reason and the instant it takes effect.
-- A contract may also hold more than one subscription of its customer, all
-- drawing on its one commit ledger (kept on the contract row, locked while an
-- invoice draws from it).
alter table contracts add column version integer not null default 1;
-- [{commit_id, amount, at}]: what an amendment added to a prepaid commit after
-- its term's commit line was invoiced, invoiced on the contract's next invoice.
alter table contracts add column commit_top_ups jsonb not null default '[]';

create table contract_subscriptions (
  organization_id text not null,
  environment_id text not null,
  contract_id text not null references contracts (id),
  subscription_id text not null,
  -- 0 for the subscription the contract was made around: it carries the commit lines and true-ups.
  position integer not null,
  added_at timestamptz not null,
  primary key (contract_id, subscription_id),
  unique (environment_id, subscription_id)
);

insert into contract_subscriptions (organization_id, environment_id, contract_id, subscription_id, position, added_at)
select organization_id, environment_id, id, subscription_id, 0, created_at from contracts;

create table contract_amendments (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  contract_id text not null references contracts (id),
  -- The version of the terms this amendment made: 2 for the first amendment (creation made version 1).
  version integer not null,
  effective_at timestamptz not null,
  -- The changes as asked, and what they did in words.
  changes jsonb not null,
  described jsonb not null,
  terms_before jsonb not null,
  terms_after jsonb not null,
  subscription_ids_before jsonb not null,
  subscription_ids_after jsonb not null,
  -- Who asked (the actor as the audit log describes it) and who approved, when the policy asked.
  author jsonb not null,
  approval_request_id text,
  reason text,
  created_at timestamptz not null default now(),
  unique (contract_id, version)
);

create index contract_amendments_environment on contract_amendments (environment_id, contract_id, id);
