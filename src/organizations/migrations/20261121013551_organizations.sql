-- Tenancy: an organization has a `test` and a `live` environment; every other
-- table carries both ids. API keys belong to one environment and carry a role.
create table organizations (
  id text primary key,
  name text not null,
  created_at timestamptz not null default now()
);

create table environments (
  id text primary key,
  organization_id text not null references organizations (id),
  kind text not null check (kind in ('test', 'live')),
  created_at timestamptz not null default now(),
  unique (organization_id, kind)
);

create table api_keys (
  id text primary key,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  name text not null,
  role text not null check (role in ('admin', 'billing_ops', 'finance', 'viewer', 'ingest')),
  -- The first characters of the key, shown in lists so a person can tell keys apart.
  prefix text not null,
  -- SHA-256 of the whole key: keys are long random strings, so a fast hash is enough.
  secret_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  rotated_from_key_id text references api_keys (id)
);

create index api_keys_environment on api_keys (environment_id, id);
