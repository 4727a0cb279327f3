// Row types of the catalog's tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";
import type {
  AllowanceDocument,
  ChargeV2Document,
  PriceBookDocument,
  PricingUnitDocument,
} from "../pricing/index.ts";
import type { EntitlementDocument } from "./plan-version-content.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    products: ProductTable;
    features: FeatureTable;
    plans: PlanTable;
    plan_versions: PlanVersionTable;
  }
}

/** The columns every catalog entry (product, feature, plan) has: its code, name and description. */
type CatalogEntryColumns = TenantRowColumns & {
  code: string;
  name: string;
  description: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type ProductTable = CatalogEntryColumns;

export type FeatureKind = "boolean" | "static" | "metered";

export type FeatureTable = CatalogEntryColumns & {
  kind: FeatureKind;
  meter_code: string | null;
};

export type PlanTable = CatalogEntryColumns;

export type PlanVersionState = "draft" | "pending_approval" | "published" | "retired";

export type PlanVersionTable = TenantRowColumns & {
  plan_id: string;
  version: number;
  state: PlanVersionState;
  currency: string;
  billing_interval: string;
  interval_count: number;
  trial_days: number;
  /** numeric, read as a string. */
  minimum_commitment: string | null;
  charges: Json<ChargeV2Document[]>;
  currency_prices: Json<PriceBookDocument[]>;
  entitlements: Json<EntitlementDocument[]>;
  pricing_units: ColumnType<PricingUnitDocument[], string | undefined, string>;
  allowances: ColumnType<AllowanceDocument[], string | undefined, string>;
  copied_from_version: number | null;
  effective_from: Timestamp | null;
  created_by: string;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  published_at: Timestamp | null;
  retired_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};
