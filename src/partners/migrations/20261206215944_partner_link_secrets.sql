-- Partner statement links (issue #21, item 4): a partner reads its own
-- settlement statements through a short-lived signed link, like a customer
-- its portal. One signing secret per environment, made on the first link;
-- nothing about a link itself is stored.
create table partner_link_secrets (
  environment_id text primary key,
  organization_id text not null,
  -- 32 random bytes, hex: the HMAC-SHA256 key of the environment's partner links.
  secret text not null,
  created_at timestamptz not null default now()
);
