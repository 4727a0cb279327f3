// Row types of the taxes domain's tables, for the typed query builder.
import type { DefaultedTimestamp, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    tax_rates: TaxRateTable;
    tax_exemptions: TaxExemptionTable;
    tax_settings: TaxSettingsTable;
  }
}

export type TaxRateTable = TenantRowColumns & {
  country: string;
  region: string | null;
  name: string;
  /** numeric, read as a string. */
  percent: string;
  inclusive: boolean;
  reverse_charge_eligible: boolean;
  valid_from: Timestamp | null;
  valid_until: Timestamp | null;
  archived_at: Timestamp | null;
  created_at: DefaultedTimestamp;
};

export type TaxExemptionTable = TenantRowColumns & {
  customer_id: string;
  reason: string;
  certificate_id: string | null;
  valid_until: Timestamp | null;
  created_at: DefaultedTimestamp;
  revoked_at: Timestamp | null;
};

export type TaxSettingsTable = {
  environment_id: string;
  organization_id: string;
  provider_type: "built_in" | "http";
  provider_url: string | null;
  provider_secret: string | null;
  provider_timeout_ms: number | null;
  updated_at: DefaultedTimestamp;
};
