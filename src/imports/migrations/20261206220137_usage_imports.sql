-- Usage backfills from a file (src/imports/usage-import.ts): past events as
-- NDJSON or CSV, ingested through metering a batch at a time, each event id
-- once. The file waits in csv_text (the import's file, whatever its format)
-- until the import has read it; usage_format says how to read it.
alter table imports drop constraint imports_source_check;
alter table imports add constraint imports_source_check check (source in ('stripe', 'csv', 'usage'));
alter table imports add column usage_format text check (usage_format in ('ndjson', 'csv'));
