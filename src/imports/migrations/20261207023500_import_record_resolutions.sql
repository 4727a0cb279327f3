-- A refused record of an import that a person decided about (created it by
-- hand, or it is not needed in Fairbill), with the reason: the cut-over
-- checklist counts an import whose refused records are all resolved as clean.
create table import_record_resolutions (
  import_id text not null references imports (id) on delete cascade,
  organization_id text not null references organizations (id),
  environment_id text not null references environments (id),
  position integer not null,
  reason text not null,
  resolved_by text not null,
  resolved_at timestamptz not null,
  primary key (import_id, position)
);
