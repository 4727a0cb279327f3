// Row types of the backtests domain's tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { Json, QueuedRunColumns, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";
import type {
  BacktestLine,
  BacktestPopulation,
  BacktestPriceOverride,
  BacktestSummary,
  ContractRateCard,
} from "./backtest-schemas.ts";
import type { TestMatrixScenario, TestMatrixScenarioResult } from "./test-matrix-schemas.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    backtests: BacktestTable;
    backtest_invoices: BacktestInvoiceTable;
  }
}

export type BacktestStatus = "queued" | "running" | "completed" | "failed" | "canceled";

/** A counter with a default of zero. */
type Counter = ColumnType<number, number | undefined, number>;

export type BacktestTable = TenantRowColumns & {
  status: ColumnType<BacktestStatus, BacktestStatus | undefined, BacktestStatus>;
  plan_id: string;
  plan_version_id: string | null;
  price_overrides: Json<BacktestPriceOverride[]> | null;
  /** A contract change: the contract, and the rate card it is priced with instead of its own. */
  contract_id: ColumnType<string | null, string | null | undefined, string | null>;
  contract_rate_card: ColumnType<ContractRateCard | null, string | null | undefined, string | null>;
  population: Json<BacktestPopulation>;
  period_from: Timestamp;
  period_to: Timestamp;
  customers_total: Counter;
  customers_done: Counter;
  invoices_compared: Counter;
  summary: Json<BacktestSummary> | null;
  failure: string | null;
  cancel_requested_at: Timestamp | null;
} & QueuedRunColumns;

export type BacktestInvoiceTable = {
  backtest_id: string;
  organization_id: string;
  environment_id: string;
  invoice_id: string;
  customer_id: string;
  invoice_number: string | null;
  currency: string;
  issued_at: Timestamp;
  /** numeric columns, read as strings. */
  billed_subtotal: string;
  would_be_subtotal: string;
  difference: string;
  lines: Json<BacktestLine[]>;
};

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    plan_test_matrices: PlanTestMatrixTable;
    test_matrix_runs: TestMatrixRunTable;
  }
}

export type PlanTestMatrixTable = {
  organization_id: string;
  environment_id: string;
  plan_id: string;
  scenarios: Json<TestMatrixScenario[]>;
  updated_by: string;
  updated_at: Timestamp;
};

export type TestMatrixRunTrigger = "submitted" | "requested";

export type TestMatrixRunTable = TenantRowColumns & {
  plan_id: string;
  plan_version_id: string;
  version: number;
  trigger: TestMatrixRunTrigger;
  scenarios_total: number;
  scenarios_changed: number;
  scenarios_failed: number;
  invoices_changed: number;
  results: Json<TestMatrixScenarioResult[]>;
  created_by: string;
  created_at: Timestamp;
};
