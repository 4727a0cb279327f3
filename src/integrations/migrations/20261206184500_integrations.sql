-- Integrations: connections to accounting systems (one per system and
-- environment, credentials sealed with the organization's data key and never
-- shown again), the mappings of Fairbill's keys to the system's (accounts, tax
-- codes, items, currencies, customers), and the sync record of every object
-- sent: its id in the other system and its state. Failed records are the
-- error queue that billing operations retry or skip.
create table integration_connections (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  system text not null check (system in ('xero')),
  -- pending_authorization: saved, waiting for the OAuth consent; connected: tokens held.
  status text not null check (status in ('pending_authorization', 'connected', 'disconnected')),
  client_id text not null,
  -- Sealed (fbenc1:…): the OAuth client secret and the tokens.
  client_secret text not null,
  access_token text,
  refresh_token text,
  access_token_expires_at timestamptz,
  redirect_uri text not null,
  authorize_url text not null,
  token_url text not null,
  connections_url text not null,
  api_base_url text not null,
  -- The random state of the consent under way, checked by the callback.
  oauth_state text,
  -- The system's own id of the organization connected (Xero's tenant id).
  external_tenant_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index integration_connections_system on integration_connections (environment_id, system);
create unique index integration_connections_state on integration_connections (oauth_state) where oauth_state is not null;

create table integration_mappings (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  connection_id text not null references integration_connections (id),
  -- account: a Fairbill account role (receivable, revenue, bank, …) to an account code;
  -- tax_code: a tax rate id (or "none") to a tax type; item: a product code to an item code;
  -- currency: a currency to the code the system knows; customer: a customer id to an existing contact.
  kind text not null check (kind in ('account', 'tax_code', 'item', 'currency', 'customer')),
  fairbill_key text not null,
  external_key text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index integration_mappings_key on integration_mappings (connection_id, kind, fairbill_key);

create table integration_syncs (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  connection_id text not null references integration_connections (id),
  object_type text not null check (
    object_type in ('customer', 'invoice', 'payment', 'refund', 'credit_note', 'journal_entry')
  ),
  object_id text not null,
  -- What a retry runs again: the invoice whose family (customer, payments,
  -- refunds, credit notes) the object belongs to, or the journal's month.
  source_type text not null check (source_type in ('invoice', 'journal')),
  source_id text not null,
  state text not null check (state in ('pending', 'synced', 'failed', 'skipped')),
  external_id text,
  attempts integer not null default 0,
  last_error_code text,
  last_error text,
  synced_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((state = 'synced') = (external_id is not null and synced_at is not null))
);

create unique index integration_syncs_object on integration_syncs (connection_id, object_type, object_id);
create index integration_syncs_environment on integration_syncs (environment_id, id);
create index integration_syncs_failed on integration_syncs (environment_id, id) where state = 'failed';
