-- Alerts: thresholds on a customer's spend, usage or credit balance (alert
-- rules), each firing of one (alert triggers, the history), and the
-- customers whose rules wait to be evaluated after usage arrived.
create table alert_rules (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  customer_id text not null references customers (id),
  -- Set: the rule watches this subscription only; null: the customer as a whole.
  subscription_id text references subscriptions (id),
  -- spend: the current period's cost so far; usage: a meter's quantity in the
  -- current period; credit_balance: the credits usable now, falling below.
  kind text not null check (kind in ('spend', 'usage', 'credit_balance')),
  name text,
  -- The meter a usage rule counts (by code, as plans price it); null otherwise.
  meter_code text,
  -- The money a spend or credit_balance threshold is in; null for usage.
  currency text,
  threshold numeric not null check (threshold > 0),
  -- Whether a firing also emails the customer (at the customer's email address).
  email_customer boolean not null default true,
  enabled boolean not null default true,
  -- credit_balance only: true from a firing until the balance is back at or
  -- above the threshold, so that one fall below fires once.
  below_threshold boolean not null default false,
  -- Who made the rule: an API key, or the customer from the portal.
  created_by jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check ((kind = 'usage') = (meter_code is not null)),
  check ((kind = 'usage') = (currency is null))
);

create index alert_rules_environment on alert_rules (environment_id, id) where deleted_at is null;
create index alert_rules_customer on alert_rules (environment_id, customer_id, id) where deleted_at is null;

create table alert_triggers (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  rule_id text not null references alert_rules (id),
  customer_id text not null,
  subscription_id text,
  kind text not null,
  -- The rule's threshold and the value that crossed it (money or a quantity).
  threshold numeric not null,
  value numeric not null,
  currency text,
  meter_code text,
  -- spend and usage: the billing period the crossing happened in; null for credit_balance.
  period_start timestamptz,
  period_end timestamptz,
  webhook_event_id text,
  email_message_id text,
  triggered_at timestamptz not null,
  check ((period_start is null) = (period_end is null))
);

-- A spend or usage rule fires once per billing period and threshold, however
-- many evaluations run at once: the second insert finds the first.
create unique index alert_triggers_once_per_period on alert_triggers (rule_id, period_start, threshold)
  where period_start is not null;
create index alert_triggers_rule on alert_triggers (rule_id, id);

-- A customer whose usage arrived since its rules were last evaluated. The row
-- exists from the first ingestion until its evaluation job starts, so a burst
-- of batches queues one job; a batch after the job started queues the next.
create table alert_evaluation_requests (
  environment_id text not null,
  organization_id text not null,
  customer_id text not null,
  requested_at timestamptz not null default now(),
  primary key (environment_id, customer_id)
);
