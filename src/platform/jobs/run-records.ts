// What every queued run (an import, a backtest, a parallel run: run-jobs.ts
// queues the job of each) shows of its life through the API: who asked for
// it and why, when it was asked for, and when its job began and ended (null
// until it has). The columns are QueuedRunColumns, which every run table keeps.
import type { Selectable } from "kysely";
import type { QueuedRunColumns } from "../database/schema.ts";

/** The run's life as its view shows it, dates as ISO 8601 strings. */
export function presentRunLife(row: Omit<Selectable<QueuedRunColumns>, "updated_at">) {
  return {
    created_by: row.created_by,
    reason: row.reason,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}
