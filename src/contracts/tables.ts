// Row types of the contracts table, for the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";
import type { ContractDocument } from "../simulation/index.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    contracts: ContractTable;
    contract_subscriptions: ContractSubscriptionTable;
    contract_amendments: ContractAmendmentTable;
  }
}

/** One prepaid commit's balance for one term, amounts as decimal strings (the engine's CommitBalance). */
export type CommitBalanceRecord = {
  commit_id: string;
  term_index: number;
  granted: string;
  rolled_over: string;
  drawn: string;
  expired: string;
  remaining: string;
  closed: boolean;
};

/** A postpaid commit's true-up, as billed on a finalized invoice. */
export type CommitTrueUpRecord = { commit_id: string; term_start: string; amount: string };

export type ContractTable = TenantRowColumns & {
  customer_id: string;
  subscription_id: string;
  currency: string;
  start_at: Timestamp;
  end_at: Timestamp;
  renewal: "none" | "auto";
  terms: Json<ContractDocument>;
  phase_version_ids: Json<string[]>;
  commit_ledger: Json<CommitBalanceRecord[] | null> | null;
  commit_true_ups: ColumnType<CommitTrueUpRecord[], string | undefined, string>;
  version: ColumnType<number, number | undefined, number>;
  commit_top_ups: ColumnType<CommitTopUpRecord[], string | undefined, string>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

/** What an amendment added to a prepaid commit already invoiced for its term, invoiced on the next invoice. */
export type CommitTopUpRecord = { commit_id: string; amount: string; at: string };

export type ContractSubscriptionTable = {
  organization_id: string;
  environment_id: string;
  contract_id: string;
  subscription_id: string;
  /** 0 for the subscription the contract was made around. */
  position: number;
  added_at: Timestamp;
};

/** Who made an amendment, as the audit log describes an actor. */
export type AmendmentAuthor = { type: string; id: string; person: { id: string; name: string } | null };

export type ContractAmendmentTable = TenantRowColumns & {
  contract_id: string;
  version: number;
  effective_at: Timestamp;
  changes: Json<Record<string, unknown>[]>;
  described: Json<string[]>;
  terms_before: Json<ContractDocument>;
  terms_after: Json<ContractDocument>;
  subscription_ids_before: Json<string[]>;
  subscription_ids_after: Json<string[]>;
  author: Json<AmendmentAuthor>;
  approval_request_id: string | null;
  reason: string | null;
  created_at: DefaultedTimestamp;
};
