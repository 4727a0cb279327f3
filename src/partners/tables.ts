// Row types of the partners' tables, for the typed query builder.
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    partners: PartnerTable;
    partner_agreements: PartnerAgreementTable;
    partner_attributions: PartnerAttributionTable;
    partner_settlements: PartnerSettlementTable;
    partner_link_secrets: PartnerLinkSecretTable;
    partner_item_mappings: PartnerItemMappingTable;
    partner_external_sales: PartnerExternalSaleTable;
  }
}

export type PartnerKind = "reseller" | "referral" | "marketplace" | "installer";

export type PartnerTable = TenantRowColumns & {
  code: string;
  name: string;
  kind: PartnerKind;
  email: string | null;
  currency: string;
  created_at: DefaultedTimestamp;
};

/** An agreement's terms as the API takes them: decimal strings, plans and charges by code. */
export type AgreementTermsRecord = {
  basis: "accrual" | "cash";
  revenue_shares: { product?: string; plan?: string; charge?: string; percent: string }[];
  volume_tiers: { up_to: string | null; percent: string }[];
  activation_fee: string | null;
  minimum_guarantee: string | null;
  clawback: { refunds: boolean; credit_notes: boolean; chargebacks: boolean };
};

export type PartnerAgreementTable = TenantRowColumns & {
  partner_id: string;
  terms: Json<AgreementTermsRecord>;
  effective_from: Timestamp;
  created_at: DefaultedTimestamp;
};

export type PartnerAttributionTable = TenantRowColumns & {
  partner_id: string;
  customer_id: string;
  attributed_from: Timestamp;
  created_at: DefaultedTimestamp;
};

export type SettlementLineRecord = {
  kind: string;
  source: { type: string; id: string; reference: string };
  invoice_id: string | null;
  customer_id: string | null;
  description: string;
  base: string | null;
  percent: string | null;
  amount: string;
  /** A revenue share's commissioned invoice lines by item (absent on statements computed before items were kept). */
  items?: { product: string | null; plan: string | null; charge: string | null; amount: string }[];
};

export type SettlementStatus = "draft" | "approved" | "paid";

export type PartnerSettlementTable = TenantRowColumns & {
  partner_id: string;
  agreement_id: string;
  period: string;
  period_start: Timestamp;
  period_end: Timestamp;
  currency: string;
  status: SettlementStatus;
  lines: Json<SettlementLineRecord[]>;
  /** numeric, read as strings. */
  earned: string;
  total: string;
  created_by: string;
  approved_by: string | null;
  approved_at: Timestamp | null;
  paid_at: Timestamp | null;
  payment_reference: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type PartnerLinkSecretTable = {
  environment_id: string;
  organization_id: string;
  /** Hex of 32 random bytes: the HMAC-SHA256 key of the environment's partner statement links. */
  secret: string;
  created_at: Timestamp;
};

export type PartnerItemMappingTable = TenantRowColumns & {
  partner_id: string;
  /** The item's code in the partner's system. */
  external_item: string;
  item_kind: "plan" | "charge" | "product";
  item_code: string;
  created_at: DefaultedTimestamp;
};

export type PartnerExternalSaleTable = TenantRowColumns & {
  partner_id: string;
  external_id: string;
  occurred_at: Timestamp;
  customer_reference: string;
  external_item: string;
  /** numeric, read as strings. */
  quantity: string;
  amount: string;
  currency: string;
  created_at: DefaultedTimestamp;
};
