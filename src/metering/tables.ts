// Row types of the metering domain's tables, for the typed query builder.
import type { Aggregation } from "../core/index.ts";
import type {
  DefaultedTimestamp,
  Generated,
  Json,
  TenantRowColumns,
  Timestamp,
} from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    meters: MeterTable;
    meter_versions: MeterVersionTable;
    metering_settings: MeteringSettingsTable;
    events: EventTable;
    event_revisions: EventRevisionTable;
    event_customers: EventCustomerTable;
    usage_rollups: UsageRollupTable;
    usage_unique_values: UsageUniqueValueTable;
    events_awaiting_event_store: EventAwaitingEventStoreTable;
    event_ids: EventIdTable;
    event_archives: EventArchiveTable;
  }
}

/** Accepted values per property: `{"model": ["large", "xl"]}`. */
export type MeterFilters = Record<string, (string | number | boolean)[]>;

export type MeterTable = TenantRowColumns & {
  code: string;
  name: string;
  description: string | null;
  /** Decimals of a quantity on customer documents; null: the default. */
  display_decimals: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type MeterVersionTable = {
  meter_id: string;
  version: number;
  organization_id: string;
  environment_id: string;
  event_name: string;
  aggregation: Aggregation;
  property: string | null;
  filters: Json<MeterFilters>;
  group_by: Json<string[]>;
  effective_from: Timestamp;
  created_at: DefaultedTimestamp;
};

export type MeteringSettingsTable = {
  environment_id: string;
  organization_id: string;
  event_past_window_days: number;
  /** Months of raw events kept in PostgreSQL; older months are archived. Null: kept forever. */
  event_retention_months: number | null;
  updated_at: DefaultedTimestamp;
};

export type EventProperties = Record<string, unknown>;

/** What an event says, as stored and as each of its revisions keeps it. */
type EventContentColumns = {
  environment_id: string;
  organization_id: string;
  customer_external_id: string;
  name: string;
  occurred_at: Timestamp;
  properties: Json<EventProperties>;
  voided_at: Timestamp | null;
};

export type EventTable = EventContentColumns & {
  id: string;
  received_at: Timestamp;
  revision: number;
};

export type EventRevisionTable = EventContentColumns & {
  event_id: string;
  revision: number;
  change: "amended" | "voided";
  reason: string;
  changed_at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  request_id: string | null;
};

export type EventCustomerTable = {
  environment_id: string;
  customer_external_id: string;
  organization_id: string;
  first_received_at: Timestamp;
};

/** One customer's hour of one meter version's usage, for one dimension: the key of a rollup and of its unique values. */
type UsageHourColumns = {
  environment_id: string;
  meter_id: string;
  customer_external_id: string;
  hour_start: Timestamp;
  meter_version: number;
  dimension_key: string;
  organization_id: string;
};

export type UsageRollupTable = UsageHourColumns & {
  event_count: number;
  value_sum: string | null;
  value_max: string | null;
  latest_at: Timestamp | null;
  latest_value: string | null;
  weighted_change: string | null;
};

export type UsageUniqueValueTable = UsageHourColumns & {
  value_key: string;
};

export type EventAwaitingEventStoreTable = {
  id: Generated<number>;
  environment_id: string;
  organization_id: string;
  event_ids: string[];
  queued_at: Timestamp;
};

/** Every stored event's id, archived ones too: the exact dedup of a partitioned table. */
export type EventIdTable = {
  environment_id: string;
  id: string;
  occurred_at: Timestamp;
};

export type EventArchiveTable = TenantRowColumns & {
  range_start: Timestamp;
  range_end: Timestamp;
  event_count: number;
  file: string;
  archived_at: Timestamp;
};
