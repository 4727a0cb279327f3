// Row types of the finance tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    finance_settings: FinanceSettingsTable;
    finance_journal_exports: JournalExportTable;
    finance_disputes: DisputeTable;
    finance_dispute_notes: DisputeNoteTable;
    finance_standalone_selling_prices: StandaloneSellingPriceTable;
    finance_exchange_rates: ExchangeRateTable;
    finance_usage_accruals: UsageAccrualTable;
  }
}

export type AccountOverride = { code?: string; name?: string };

export type FinanceSettingsTable = {
  environment_id: string;
  organization_id: string;
  timezone: string;
  accounts: Json<Record<string, AccountOverride>>;
  reporting_currency: ColumnType<string | null, string | null | undefined, string | null>;
  exchange_rate_provider_url: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: DefaultedTimestamp;
};

export type CurrencyTotals = { currency: string; debit: string; credit: string }[];

export type JournalExportTable = TenantRowColumns & {
  period: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  timezone: string;
  entry_count: number;
  totals: Json<CurrencyTotals>;
  digest: string;
  entries: Json<unknown[]>;
  created_by: string;
  created_at: Timestamp;
};

export type DisputeStatus = "open" | "credited" | "rejected";

export type DisputeTable = TenantRowColumns & {
  customer_id: string;
  invoice_id: string;
  invoice_line_id: string | null;
  currency: string;
  amount: string;
  reason: string;
  status: DisputeStatus;
  opened_at: Timestamp;
  opened_by: string;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  resolution_note: string | null;
  credit_note_id: string | null;
  updated_at: Timestamp;
};

export type DisputeNoteTable = TenantRowColumns & {
  dispute_id: string;
  body: string;
  created_by: string;
  created_at: Timestamp;
};

export type StandaloneSellingPriceTable = TenantRowColumns & {
  product: string | null;
  plan_code: string | null;
  charge_id: string | null;
  currency: string;
  amount: string;
  updated_by: string;
  updated_at: Timestamp;
};

export type ExchangeRateTable = TenantRowColumns & {
  base_currency: string;
  quote_currency: string;
  effective_date: string;
  rate: string;
  source: "entered" | "provider";
  created_by: string;
  created_at: Timestamp;
};

/** Usage accrued at the end of a closed month, as it stood when the month was locked. */
export type UsageAccrualTable = TenantRowColumns & {
  period: string;
  /** The accrual's key, the same before and after the lock: period, subscription, meter (or fee), billing period start. */
  accrual_key: string;
  /** Usage, or an in-arrears fixed fee. */
  kind: ColumnType<"usage" | "fixed", "usage" | "fixed" | undefined, "usage" | "fixed">;
  customer_id: string;
  subscription_id: string;
  currency: string;
  plan_version_id: string;
  charge_id: string;
  /** The usage's meter; null for a fixed fee. */
  meter: string | null;
  product: string | null;
  period_start: Timestamp;
  period_end: Timestamp;
  quantity: string;
  /** The billing period's usage to the month end, priced as the invoice will price it (a fee: its share earned by then). */
  period_to_date_amount: string;
  /** What this month accrues: the period-to-date amount less what earlier months accrued. */
  amount: string;
  locked_at: Timestamp;
};
