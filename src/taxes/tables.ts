// Row types of the taxes domain's tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";
import type { TaxableInvoice } from "./tax-quote.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    tax_rates: TaxRateTable;
    tax_exemptions: TaxExemptionTable;
    tax_settings: TaxSettingsTable;
    tax_transactions: TaxTransactionTable;
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
  provider_type: "built_in" | "http" | "stripe_tax" | "avalara";
  provider_url: string | null;
  provider_secret: string | null;
  provider_timeout_ms: number | null;
  provider_account_id: string | null;
  provider_company_code: string | null;
  updated_at: DefaultedTimestamp;
};

/** A finalized invoice's record with the tax engine (tax-transactions.ts). */
export type TaxTransactionTable = {
  invoice_id: string;
  environment_id: string;
  organization_id: string;
  provider_type: "stripe_tax" | "avalara";
  invoice: Json<TaxableInvoice>;
  state: "pending" | "recorded" | "void_pending" | "voided" | "cancelled";
  external_id: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  recorded_at: Timestamp | null;
  voided_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};
