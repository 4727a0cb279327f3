-- Envelope encryption of stored secrets (see src/platform/secrets/envelope.ts):
-- each organization's data keys, wrapped by the server's master key, which is
-- never stored here. The newest key of an organization seals new secrets;
-- `fairbill secrets rotate` replaces them all.
create table organization_data_keys (
  id text primary key,
  organization_id text not null,
  master_key_id text not null,
  wrapped_key text not null,
  created_at timestamptz not null
);

create index organization_data_keys_newest on organization_data_keys (organization_id, created_at desc, id desc);
