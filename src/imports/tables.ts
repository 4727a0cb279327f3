// Row types of the imports domain's tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { Json, QueuedRunColumns, TenantRowColumns, Timestamp } from "../platform/database/schema.ts";

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    imports: ImportTable;
    import_records: ImportRecordTable;
    import_references: ImportReferenceTable;
    imported_invoices: ImportedInvoiceTable;
  }
}

export type ImportSource = "stripe" | "csv" | "usage" | "lago";
export type ImportStatus = "queued" | "running" | "completed" | "failed";
export type ImportOutcome = "created" | "skipped" | "refused";

/** A counter with a default of zero. */
type Counter = ColumnType<number, number | undefined, number>;

export type ImportTable = TenantRowColumns & {
  source: ImportSource;
  dry_run: boolean;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  source_api_base_url: string | null;
  source_secret: string | null;
  csv_object: "customers" | "subscriptions" | null;
  /** The file (a CSV import's, or a usage import's in its format), kept until the import ends. */
  csv_text: string | null;
  usage_format: "ndjson" | "csv" | null;
  atomic: ColumnType<boolean, boolean | undefined, boolean>;
  records_total: Counter;
  records_done: Counter;
  created_count: Counter;
  skipped_count: Counter;
  refused_count: Counter;
  failure: string | null;
} & QueuedRunColumns;

export type ImportRecordTable = {
  import_id: string;
  organization_id: string;
  environment_id: string;
  position: number;
  source_type: string;
  source_id: string;
  outcome: ImportOutcome;
  fairbill_id: string | null;
  reason: string | null;
  source_record: Json<unknown> | null;
};

export type ImportReferenceTable = {
  organization_id: string;
  environment_id: string;
  source: ImportSource;
  source_type: string;
  source_id: string;
  fairbill_id: string;
  import_id: string;
  created_at: Timestamp;
};

/** An invoice of the old system, kept read-only as history for parallel runs. */
export type ImportedInvoiceTable = TenantRowColumns & {
  import_id: string;
  source: ImportSource;
  source_id: string;
  customer_id: string;
  customer_external_id: string;
  number: string;
  issued_at: Timestamp;
  period_start: Timestamp;
  period_end: Timestamp;
  currency: string;
  /** numeric, read as a string. */
  total: string;
  tax: string;
  lines: Json<unknown>;
  created_at: Timestamp;
};

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    parallel_runs: ParallelRunTable;
    parallel_run_invoices: ParallelRunInvoiceTable;
  }
}

export type ParallelRunStatus = "queued" | "running" | "completed" | "failed";

export type ParallelRunTable = TenantRowColumns & {
  status: ColumnType<ParallelRunStatus, ParallelRunStatus | undefined, ParallelRunStatus>;
  invoices: number;
  matching: number;
  /** numeric, read as a string. */
  matching_percent: string;
  summary: Json<unknown>;
  customers_total: Counter;
  customers_done: Counter;
  failure: string | null;
  /** The old system's invoices, kept until the run's job has read them. */
  old_invoices_csv: string | null;
  customer_external_ids: Json<string[]> | null;
  created_by_person_id: string | null;
} & QueuedRunColumns;

export type ParallelRunInvoiceTable = {
  parallel_run_id: string;
  organization_id: string;
  environment_id: string;
  position: number;
  customer_id: string;
  customer_external_id: string;
  old_invoice_number: string;
  period_start: Timestamp;
  period_end: Timestamp;
  currency: string;
  fairbill_issued_at: Timestamp | null;
  old_total: string;
  fairbill_total: string;
  difference: string;
  matches: boolean;
  lines: Json<unknown>;
};

declare module "../platform/database/schema.ts" {
  interface DatabaseSchema {
    parallel_run_acceptances: ParallelRunAcceptanceTable;
    import_record_resolutions: ImportRecordResolutionTable;
    cut_overs: CutOverTable;
  }
}

export type ParallelRunAcceptanceTable = {
  parallel_run_id: string;
  organization_id: string;
  environment_id: string;
  /** The difference's id in the run: the invoice's position and the line's, as "3.2". */
  difference_id: string;
  reason: string;
  accepted_by: string;
  accepted_by_person_id: string | null;
  accepted_by_person_name: string | null;
  accepted_at: Timestamp;
};

export type CutOverTable = {
  environment_id: string;
  organization_id: string;
  switch_at: Timestamp;
  subscriptions_moved: number;
  set_by: string;
  reason: string | null;
  created_at: Timestamp;
};

export type ImportRecordResolutionTable = {
  import_id: string;
  organization_id: string;
  environment_id: string;
  position: number;
  reason: string;
  /** The person (or, without one, the key) who decided. */
  resolved_by: string;
  resolved_at: Timestamp;
};
