-- With a ClickHouse event store (CLICKHOUSE_URL), the events each committed
-- batch stored or corrected, until they are copied to ClickHouse: written in
-- the transaction that stores them (an outbox), so a copy is never lost and
-- never made of an event that did not commit. The shipper deletes a row once
-- ClickHouse holds its events; readers that must be exact ship what is left
-- of their environment first. Empty without ClickHouse.
create table events_awaiting_event_store (
  id bigint generated always as identity primary key,
  environment_id text not null,
  organization_id text not null,
  event_ids text[] not null,
  queued_at timestamptz not null
);

create index events_awaiting_event_store_environment on events_awaiting_event_store (environment_id, id);
