// Row types of the bill-run domain's tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    bill_runs: BillRunTable;
    bill_run_errors: BillRunErrorTable;
  }
}

export type BillRunTrigger = "cli" | "schedule" | "test_clock";
export type BillRunStatus = "running" | "completed" | "failed";

/** A counter with a default of zero. */
type Counter = ColumnType<number, number | undefined, number>;

export type BillRunTable = TenantRowColumns & {
  at: Timestamp;
  trigger: BillRunTrigger;
  status: ColumnType<BillRunStatus, BillRunStatus | undefined, BillRunStatus>;
  customers_total: number;
  customers_done: Counter;
  invoices_issued: Counter;
  invoices_finalized: Counter;
  errors: Counter;
  failure: string | null;
  /** The environment's invoice count when the run started; null on runs older than the column. */
  invoices_before: ColumnType<number | null, number | undefined, number>;
  started_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  finished_at: Timestamp | null;
};

export type BillRunErrorTable = {
  bill_run_id: string;
  organization_id: string;
  environment_id: string;
  customer_id: string;
  code: string;
  message: string;
  occurred_at: DefaultedTimestamp;
};
