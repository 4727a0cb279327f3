// Row types of the integrations tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    integration_connections: IntegrationConnectionTable;
    integration_mappings: IntegrationMappingTable;
    integration_syncs: IntegrationSyncTable;
    crm_deals: CrmDealTable;
  }
}

const accountingSystems = ["xero", "quickbooks", "netsuite"] as const;
export type AccountingSystemName = (typeof accountingSystems)[number];

export const crmSystems = ["hubspot", "salesforce"] as const;
export type CrmSystemName = (typeof crmSystems)[number];

/** Every system a connection may be made to: the accounting systems and the CRMs. */
export const integrationSystems = [...accountingSystems, ...crmSystems] as const;
export type IntegrationSystemName = (typeof integrationSystems)[number];

export const connectionStatuses = ["pending_authorization", "connected", "disconnected"] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

export type IntegrationConnectionTable = TenantRowColumns & {
  system: IntegrationSystemName;
  status: ConnectionStatus;
  client_id: string;
  /** Sealed with the organization's data key, as are the tokens. */
  client_secret: string;
  access_token: string | null;
  refresh_token: string | null;
  access_token_expires_at: Timestamp | null;
  redirect_uri: string;
  authorize_url: string;
  token_url: string;
  connections_url: string;
  api_base_url: string;
  oauth_state: string | null;
  external_tenant_id: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export const mappingKinds = ["account", "tax_code", "item", "currency", "customer", "product"] as const;
export type MappingKind = (typeof mappingKinds)[number];

export type IntegrationMappingTable = TenantRowColumns & {
  connection_id: string;
  kind: MappingKind;
  fairbill_key: string;
  external_key: string;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export const syncObjectTypes = [
  "customer",
  "invoice",
  "payment",
  "refund",
  "credit_note",
  "journal_entry",
] as const;
export type SyncObjectType = (typeof syncObjectTypes)[number];

export const syncStates = ["pending", "synced", "failed", "skipped"] as const;
export type SyncState = (typeof syncStates)[number];

export type SyncSourceType = "invoice" | "journal" | "crm";

export type IntegrationSyncTable = TenantRowColumns & {
  connection_id: string;
  object_type: SyncObjectType;
  object_id: string;
  source_type: SyncSourceType;
  source_id: string;
  state: SyncState;
  external_id: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error_code: string | null;
  last_error: string | null;
  synced_at: Timestamp | null;
  failed_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export const crmDealStates = ["awaiting_approval", "approved", "contracted", "failed"] as const;
export type CrmDealState = (typeof crmDealStates)[number];

/** The contract a won deal proposes, in the contract's terms; what the approver reads and approves. */
export type CrmDealProposal = {
  crm_deal: string;
  deal_name: string;
  customer_id: string;
  plan: string;
  start: string;
  end: string;
  rate_card: Record<string, string>[];
};

export type CrmDealTable = TenantRowColumns & {
  connection_id: string;
  external_id: string;
  name: string;
  /** The deal's amount as the CRM states it, a decimal string (numeric); null when it has none. */
  amount: string | null;
  customer_id: string | null;
  state: CrmDealState;
  /** The approval request the draft contract became. */
  approval_request_id: string | null;
  proposal: Json<CrmDealProposal | null>;
  subscription_id: string | null;
  contract_id: string | null;
  last_error: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    warehouse_destinations: WarehouseDestinationTable;
    warehouse_exports: WarehouseExportTable;
  }
}

export const warehouseDestinationKinds = ["folder", "s3", "postgres"] as const;
export type WarehouseDestinationKind = (typeof warehouseDestinationKinds)[number];
export const warehouseFormats = ["parquet", "csv"] as const;
export type WarehouseFormat = (typeof warehouseFormats)[number];

export type WarehouseDestinationTable = TenantRowColumns & {
  kind: WarehouseDestinationKind;
  folder_path: string | null;
  s3_bucket: string | null;
  s3_prefix: string | null;
  s3_endpoint: string | null;
  s3_region: string | null;
  s3_force_path_style: boolean | null;
  s3_access_key_id: string | null;
  s3_secret_access_key: string | null;
  postgres_url: string | null;
  postgres_schema: string | null;
  formats: Json<WarehouseFormat[]>;
  every_minutes: number;
  exported_until: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type WarehouseManifest = {
  export_id: string;
  destination_id: string;
  cursor: { from: string | null; to: string };
  datasets: { name: string; rows: number; files: string[] }[];
};

export type WarehouseExportTable = TenantRowColumns & {
  destination_id: string;
  cursor_from: Timestamp | null;
  cursor_to: Timestamp;
  manifest: Json<WarehouseManifest>;
  created_at: DefaultedTimestamp;
};
