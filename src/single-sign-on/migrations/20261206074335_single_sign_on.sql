-- Single sign-on through an organization's OpenID Connect provider: the
-- connection (one per organization), the email domains that route sign-in to
-- it (each domain to one organization), and the sign-ins under way between
-- the redirect to the provider and its answer.
create table sso_connections (
  id text primary key,
  organization_id text not null unique,
  issuer text not null,
  client_id text not null,
  client_secret text not null,
  scopes text[] not null,
  -- The claim whose values say a person's roles (groups, roles, …).
  role_claim text not null,
  -- [{ "claim_value": "billing", "environment": "live", "role": "billing_ops" }, …]; the first match per environment wins.
  role_mappings jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table sso_email_domains (
  -- Lowercase, such as acme.com.
  domain text primary key,
  organization_id text not null,
  connection_id text not null references sso_connections (id) on delete cascade
);

create index sso_email_domains_connection on sso_email_domains (connection_id);

create table sso_sign_in_requests (
  id text primary key,
  organization_id text not null,
  connection_id text not null references sso_connections (id) on delete cascade,
  -- SHA-256 of the state sent to the provider (and kept in the browser's cookie).
  state_hash text not null unique,
  code_verifier text not null,
  nonce text not null,
  -- Where the console goes once signed in: a path of this server.
  return_to text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);

create index sso_sign_in_requests_expiry on sso_sign_in_requests (expires_at);
