-- Usage per (meter version, customer, hour, dimension values), kept current by
-- ingestion in the transaction that stores the events, so that a usage query
-- reads at most one row per hour and group instead of the events.
create table usage_rollups (
  environment_id text not null,
  meter_id text not null,
  customer_external_id text not null,
  hour_start timestamptz not null,
  meter_version integer not null,
  -- Canonical JSON of the group_by values: {"region": "veu"}; "{}" without group_by.
  dimension_key text not null,
  organization_id text not null,
  event_count bigint not null,
  -- Numeric meters (sum, max, latest, weighted_sum): the property's sum and
  -- maximum, and its value at the latest timestamp of the hour.
  value_sum numeric,
  value_max numeric,
  latest_at timestamptz,
  latest_value numeric,
  -- weighted_sum: Σ change × milliseconds from the event to the end of the
  -- hour, so the level's integral over any run of whole hours is computable.
  weighted_change numeric,
  primary key (environment_id, meter_id, customer_external_id, hour_start, meter_version, dimension_key)
);

-- unique_count: the distinct values of the hour; a query counts distinct over its range.
create table usage_unique_values (
  environment_id text not null,
  meter_id text not null,
  customer_external_id text not null,
  hour_start timestamptz not null,
  meter_version integer not null,
  dimension_key text not null,
  value_key text not null,
  organization_id text not null,
  primary key (environment_id, meter_id, customer_external_id, hour_start, meter_version, dimension_key, value_key)
);
