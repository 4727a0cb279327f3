-- Warehouse exports: where an environment's data is copied on a schedule (a
-- folder on the server, S3-compatible object storage, or a schema of a
-- PostgreSQL warehouse database),
-- in which formats, how often, and up to which instant it has been copied
-- (the update cursor); and each export made, with its manifest (row counts
-- per dataset, the files written, the cursor's window).
create table warehouse_destinations (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  kind text not null check (kind in ('folder', 's3', 'postgres')),
  folder_path text,
  s3_bucket text,
  s3_prefix text,
  s3_endpoint text,
  s3_region text,
  s3_force_path_style boolean,
  s3_access_key_id text,
  -- Sealed with the organization's data key (fbenc1:…).
  s3_secret_access_key text,
  -- Sealed (fbenc1:…): the warehouse database's connection string, which holds its password.
  postgres_url text,
  postgres_schema text,
  -- Files' formats for folder and s3: parquet, csv or both.
  formats jsonb not null,
  every_minutes integer not null check (every_minutes between 5 and 10080),
  -- Everything changed up to here has been exported; null before the first export.
  exported_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'folder') = (folder_path is not null)),
  check ((kind = 's3') = (s3_bucket is not null)),
  check ((kind = 'postgres') = (postgres_schema is not null and postgres_url is not null))
);

create index warehouse_destinations_environment on warehouse_destinations (environment_id, id);

create table warehouse_exports (
  id text primary key,
  organization_id text not null,
  environment_id text not null,
  destination_id text not null references warehouse_destinations (id),
  cursor_from timestamptz,
  cursor_to timestamptz not null,
  manifest jsonb not null,
  created_at timestamptz not null default now()
);

create index warehouse_exports_environment on warehouse_exports (environment_id, id);
