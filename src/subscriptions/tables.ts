// Row types of the subscriptions domain's tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";
import type { PriceOverrideDocument } from "./price-override-schemas.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    subscriptions: SubscriptionTable;
    subscription_changes: SubscriptionChangeTable;
    subscription_quantity_changes: SubscriptionQuantityChangeTable;
    subscription_pauses: SubscriptionPauseTable;
    price_overrides: PriceOverrideTable;
  }
}

export type BillingAlignmentColumn = "calendar" | "anniversary";

export type SubscriptionTable = TenantRowColumns & {
  customer_id: string;
  plan_id: string;
  plan_version_id: string;
  currency: string;
  billing_alignment: BillingAlignmentColumn;
  trial_days: number;
  started_at: Timestamp;
  /** Backfill mode: invoices falling due before it are not issued (billed elsewhere); null = from the start. */
  billing_starts_at: Timestamp | null;
  trial_ends_at: Timestamp;
  timezone: string;
  external_id: string | null;
  metadata: Json<Record<string, string>>;
  next_billing_at: Timestamp | null;
  billed_through: Timestamp | null;
  /** numeric, read as a string. */
  progressive_billing_threshold: string | null;
  ends_at: Timestamp | null;
  /** Each fixed charge's quantity at the start, by charge id; a charge not named holds 1. */
  quantities: Json<Record<string, number>>;
  /** Minutes of the windows in which usage billed in advance is invoiced. */
  instant_window_minutes: number;
  /** Prices the usage of the customer and all its child customers together (account hierarchies). */
  pool_usage_with_children: ColumnType<boolean, boolean | undefined, boolean>;
  /** Imported from another billing system and waiting for its cut-over: the bill run issues nothing for it. */
  awaits_cut_over: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

/** A fixed charge's quantity from `at` on; in the order they take effect (sequence). */
export type SubscriptionQuantityChangeTable = TenantRowColumns & {
  subscription_id: string;
  sequence: number;
  charge_id: string;
  quantity: number;
  at: Timestamp;
  created_by: string;
  created_at: DefaultedTimestamp;
};

export type SubscriptionChangeKind = "change_plan" | "cancel";
export type CancelMode = "immediate" | "period_end";

export type SubscriptionChangeTable = TenantRowColumns & {
  subscription_id: string;
  sequence: number;
  kind: SubscriptionChangeKind;
  plan_id: string | null;
  plan_version_id: string | null;
  cancel_mode: CancelMode | null;
  at: Timestamp;
  timing: string;
  migration_id: string | null;
  created_by: string;
  created_at: DefaultedTimestamp;
};

export type SubscriptionPauseTable = TenantRowColumns & {
  subscription_id: string;
  paused_from: Timestamp;
  paused_until: Timestamp | null;
  paused_by: string;
  resumed_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type MigrationTiming = "now" | "next_period" | "at";

export type PriceOverrideTable = TenantRowColumns & {
  customer_id: string;
  subscription_id: string;
  plan_id: string;
  charge_id: string;
  slot: "price" | "discount";
  version: number;
  override: Json<PriceOverrideDocument>;
  effective_from: Timestamp;
  effective_until: Timestamp | null;
  created_at: DefaultedTimestamp;
};
