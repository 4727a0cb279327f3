// Row types of the entitlements domain's tables, for the typed query builder.
import type { DefaultedTimestamp, Json, TenantRowColumns } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    customer_entitlement_grants: EntitlementGrantTable;
  }
}

export type EntitlementGrantTable = TenantRowColumns & {
  customer_id: string;
  feature_id: string;
  value: Json<unknown> | null;
  /** numeric, read as a string; null is unlimited. */
  usage_limit: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};
