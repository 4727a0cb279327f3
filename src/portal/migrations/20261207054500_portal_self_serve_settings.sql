-- What an environment's customers may change themselves in the portal: the
-- plans they may switch to (by code) and whether they may cancel (at the end
-- of the period only). No row: nothing, as before.
create table portal_self_serve_settings (
  environment_id text primary key,
  organization_id text not null,
  -- A JSON array of plan codes a customer may switch to.
  plan_codes jsonb not null,
  -- 'not_allowed' or 'at_period_end'.
  cancellation text not null check (cancellation in ('not_allowed', 'at_period_end')),
  updated_at timestamptz not null
);
