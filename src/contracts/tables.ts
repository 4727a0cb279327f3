// Row types of the contracts table, for the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, Json, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";
import type { ContractDocument } from "../simulation/index.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    contracts: ContractTable;
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
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};
