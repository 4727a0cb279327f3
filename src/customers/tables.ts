// Row type of the customers table, for the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    customers: CustomerTable;
  }
}

export type BillingAddress = {
  line1?: string;
  line2?: string;
  city?: string;
  postal_code?: string;
  state?: string;
  country?: string;
};

export type TaxId = { type: string; value: string };

export type InvoiceSettings = {
  /** Days after the invoice date that payment is due. */
  net_payment_terms_days?: number;
  /** Days after a period ends during which late usage still lands on its invoice. */
  grace_period_days?: number;
  /** Text printed at the bottom of this customer's invoices. */
  footer?: string;
};

/** How a parent customer's children are billed: on their own invoices, or on the parent's. */
export type ChildBilling = "separate" | "consolidated";

export type CustomerTable = TenantRowColumns & {
  external_id: string;
  name: string | null;
  email: string | null;
  billing_address: Json<BillingAddress | null> | null;
  country: string | null;
  tax_ids: Json<TaxId[]>;
  currency: string | null;
  timezone: string;
  locale: string;
  invoice_settings: Json<InvoiceSettings>;
  metadata: Json<Record<string, string>>;
  parent_customer_id: string | null;
  child_billing: ColumnType<ChildBilling, ChildBilling | undefined, ChildBilling>;
  archived_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};
