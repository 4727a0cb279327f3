-- Dunning: what billing ops configure (campaigns, and per customer a campaign
-- or an exemption), and what each unpaid invoice goes through (its process
-- and the steps planned for it, on the environment's clock).

create table dunning_campaigns (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  name text not null,
  -- The campaign of every customer who is given no other.
  is_default boolean not null default false,
  -- Days after the first failed payment on which it is tried again.
  retry_schedule_days jsonb not null,
  -- Days before and after the due date on which the customer is reminded.
  reminder_days_before_due jsonb not null,
  reminder_days_after_due jsonb not null,
  final_action text not null check (
    final_action in ('none', 'mark_uncollectible', 'pause_subscription', 'cancel_subscription', 'block_entitlements')
  ),
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create index dunning_campaigns_environment on dunning_campaigns (environment_id, id);
create unique index dunning_campaigns_one_default on dunning_campaigns (environment_id) where is_default;

create table customer_dunning_settings (
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  -- Null: the environment's default campaign.
  campaign_id text references dunning_campaigns (id),
  exempt boolean not null default false,
  exempt_reason text,
  updated_at timestamptz not null,
  primary key (environment_id, customer_id)
);

create table dunning_processes (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  invoice_id text not null references invoices (id),
  customer_id text not null references customers (id),
  campaign_id text not null references dunning_campaigns (id),
  -- The campaign's rules as they were when the invoice entered dunning: later edits apply to later invoices.
  retry_schedule_days jsonb not null,
  final_action text not null,
  status text not null check (status in ('active', 'recovered', 'ended', 'stopped')),
  hard_declined boolean not null default false,
  first_failed_at timestamptz,
  -- The earliest pending step, on the environment's clock; null when none is left.
  next_step_at timestamptz,
  entitlements_blocked boolean not null default false,
  ended_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (environment_id, invoice_id)
);

create index dunning_processes_due on dunning_processes (environment_id, next_step_at) where status = 'active';
create index dunning_processes_blocked on dunning_processes (environment_id, customer_id) where entitlements_blocked;

create table dunning_steps (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  process_id text not null references dunning_processes (id),
  kind text not null check (kind in ('reminder_before_due', 'reminder_after_due', 'retry', 'final_action')),
  -- The campaign's day this step stands for (before or after the due date, or after the first failure).
  day_number integer not null,
  due_at timestamptz not null,
  status text not null check (status in ('pending', 'done', 'skipped')),
  outcome text,
  payment_id text references payments (id),
  completed_at timestamptz,
  unique (process_id, kind, day_number)
);

create index dunning_steps_process on dunning_steps (process_id, due_at);
