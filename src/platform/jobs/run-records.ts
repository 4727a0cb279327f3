// What every recorded run (an import, a backtest, a parallel run: run-jobs.ts
// queues the job of each) shows of its life through the API: who asked for
// it and why, when it was asked for, and when its job began and ended (null
// until it has).

/** The columns of a run's life that every run table keeps. */
type RunLifeColumns = {
  created_by: string;
  reason: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

/** The run's life as its view shows it, dates as ISO 8601 strings. */
export function presentRunLife(row: RunLifeColumns) {
  return {
    created_by: row.created_by,
    reason: row.reason,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}
