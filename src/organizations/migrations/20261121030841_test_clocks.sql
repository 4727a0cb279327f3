-- A test environment's frozen "now" (see src/billing-runs/test-clock.ts). No
-- row means real time. Live environments never have one.
create table test_clocks (
  id text primary key,
  organization_id text not null references organizations (id),
  environment_id text not null unique references environments (id),
  frozen_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
