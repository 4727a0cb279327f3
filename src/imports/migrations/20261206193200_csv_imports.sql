-- CSV imports (src/imports/csv-import.ts): a file of customers or
-- subscriptions in the documented template (docs/imports.md), kept with the
-- import until its job has read it; in atomic mode a file with any error
-- imports nothing.
alter table imports drop constraint imports_source_check;
alter table imports add constraint imports_source_check check (source in ('stripe', 'csv'));
alter table imports add column csv_object text check (csv_object in ('customers', 'subscriptions'));
alter table imports add column csv_text text;
alter table imports add column atomic boolean not null default false;
