-- Imports (src/imports): records brought over from the billing system a
-- company leaves (Stripe Billing first), each import a job with progress.
-- `imports` holds the request and its progress and counts; `import_records`
-- what happened to each source record (created, skipped or refused, with
-- the reason and, when refused, the source record for a person to decide);
-- `import_references` which Fairbill object each source record became, so
-- that running an import again creates nothing twice.
create table imports (
  id text primary key,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  source text not null check (source in ('stripe')),
  dry_run boolean not null,
  status text not null default 'queued'
    check (status in ('queued', 'running', 'completed', 'failed')),
  -- Where the source's API answers (null: the vendor's own address).
  source_api_base_url text,
  -- The source's API key, sealed (platform/secrets); cleared when the import ends.
  source_secret text,
  records_total integer not null default 0,
  records_done integer not null default 0,
  created_count integer not null default 0,
  skipped_count integer not null default 0,
  refused_count integer not null default 0,
  failure text,
  created_by text not null,
  reason text,
  created_at timestamptz not null,
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now()
);

create index imports_environment on imports (environment_id, id);

create table import_records (
  import_id text not null references imports (id) on delete cascade,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  -- The order the import met them in.
  position integer not null,
  -- The source's kind of record, such as customer, price, subscription, coupon.
  source_type text not null,
  source_id text not null,
  outcome text not null check (outcome in ('created', 'skipped', 'refused')),
  -- The Fairbill object it became or already is, such as cus_… (null when refused, or in a dry run).
  fairbill_id text,
  -- Why it was skipped or refused (null when created).
  reason text,
  -- The source record as read, kept when refused so a person can decide without the source.
  source_record jsonb,
  primary key (import_id, position)
);

create index import_records_outcome on import_records (import_id, outcome, position);

create table import_references (
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  source text not null,
  source_type text not null,
  source_id text not null,
  fairbill_id text not null,
  import_id text not null,
  created_at timestamptz not null,
  primary key (environment_id, source, source_type, source_id)
);
