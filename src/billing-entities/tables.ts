// Row types of the billing entities' tables, for the typed query builder.
import type { BillingAddress } from "../customers/index.ts";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    billing_entities: BillingEntityTable;
    customer_billing_entities: CustomerBillingEntityTable;
  }
}

export type TaxRegistration = { type: string; value: string };

export type Branding = { accent_color?: string; logo_url?: string; footer?: string };

export type BillingEntityTable = TenantRowColumns & {
  code: string;
  legal_name: string;
  email: string | null;
  address: Json<BillingAddress | null> | null;
  country: string;
  region: string | null;
  tax_registrations: Json<TaxRegistration[]>;
  invoice_prefix: string;
  credit_note_prefix: string;
  payment_instructions: string | null;
  default_currency: string;
  branding: Json<Branding>;
  payment_provider_account: string | null;
  is_default: boolean;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type CustomerBillingEntityTable = TenantRowColumns & {
  customer_id: string;
  billing_entity_id: string;
  effective_from: Timestamp;
  created_at: DefaultedTimestamp;
};
