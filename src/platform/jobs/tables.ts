// Row types of the job queue's tables, for the typed query builder.
import type { ColumnType } from "kysely";
import type { DefaultedTimestamp, Json, Timestamp } from "../database/schema.ts";

declare module "../database/schema.ts" {
  interface DatabaseSchema {
    jobs: JobTable;
    job_attempts: JobAttemptTable;
  }
}

export type JobStatus = "queued" | "running" | "succeeded" | "failed";

export type JobTable = {
  id: string;
  kind: string;
  payload: Json<unknown>;
  organization_id: string | null;
  environment_id: string | null;
  run_at: DefaultedTimestamp;
  unique_key: string | null;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  lease_until: Timestamp | null;
  last_error: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  finished_at: Timestamp | null;
};

export type JobAttemptTable = {
  job_id: string;
  attempt: number;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  outcome: "succeeded" | "failed" | "abandoned" | null;
  error: string | null;
  /** The worker that made the attempt (host and process id). */
  worker: ColumnType<string | null, string | null | undefined, string | null>;
};
