-- Responses kept for Idempotency-Key replays (see src/platform/http/idempotency.ts).
create table idempotency_keys (
  organization_id text not null,
  environment_id text not null,
  key text not null,
  fingerprint text not null,
  state text not null check (state in ('in_progress', 'completed')),
  response_status integer,
  response_content_type text,
  response_body text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (environment_id, key)
);

create index idempotency_keys_created_at on idempotency_keys (created_at);
