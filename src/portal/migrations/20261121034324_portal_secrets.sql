-- The customer portal: one signing secret per environment for the short-lived
-- links the API issues. Rotating the secret (a new row replaces the old one)
-- revokes every link signed before.
create table portal_secrets (
  environment_id text primary key,
  organization_id text not null,
  -- 32 random bytes, hex: the HMAC-SHA256 key of the environment's portal links.
  secret text not null,
  created_at timestamptz not null default now(),
  rotated_at timestamptz
);
