-- People and service accounts of an organization, their roles per
-- environment, their sessions, one-time tokens (email verification, password
-- reset, the first admin's link) and invitations. Tokens and session secrets
-- are stored only as SHA-256 hashes; passwords as argon2id hashes.
create table users (
  id text primary key,
  organization_id text not null,
  -- person: someone who signs in; service_account: a holder of API keys for a program.
  kind text not null check (kind in ('person', 'service_account')),
  -- Lowercase; one person per address across the installation.
  email text,
  display_name text not null,
  password_hash text,
  email_verified_at timestamptz,
  -- The person who answers for a service account (null: it answers for itself).
  owner_user_id text references users (id),
  totp_secret text,
  totp_enabled_at timestamptz,
  -- A secret being set up, until a first code confirms it.
  pending_totp_secret text,
  failed_sign_ins integer not null default 0,
  last_failed_sign_in_at timestamptz,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'person') = (email is not null))
);

create unique index users_email on users (email) where email is not null;
create index users_organization on users (organization_id, id);

-- A person's (or service account's) role in one environment.
create table memberships (
  environment_id text not null,
  user_id text not null references users (id),
  organization_id text not null,
  role text not null check (role in ('admin', 'billing_ops', 'finance', 'viewer', 'ingest')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (environment_id, user_id)
);

create index memberships_user on memberships (user_id);

create table sessions (
  id text primary key,
  organization_id text not null,
  user_id text not null references users (id),
  token_hash text not null unique,
  csrf_token_hash text not null,
  -- The organization requires a second factor the person has not set up: only account routes are open.
  second_factor_enrolment_required boolean not null default false,
  user_agent text,
  ip_address text,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);

create index sessions_user on sessions (user_id, id);

-- Single-use links: email verification, password reset, the first admin's account.
create table account_tokens (
  id text primary key,
  organization_id text not null,
  user_id text references users (id),
  purpose text not null check (purpose in ('email_verification', 'password_reset', 'first_admin')),
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null
);

create table invitations (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  email text not null,
  display_name text not null,
  role text not null check (role in ('admin', 'billing_ops', 'finance', 'viewer', 'ingest')),
  invited_by_user_id text not null references users (id),
  token_hash text not null unique,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_user_id text references users (id),
  revoked_at timestamptz,
  created_at timestamptz not null
);

create index invitations_environment on invitations (environment_id, id);

-- An organization's sign-in rules.
create table people_settings (
  organization_id text primary key,
  require_second_factor boolean not null default false,
  updated_at timestamptz not null default now()
);
