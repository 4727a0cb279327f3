// The job handler that runs backtests for the job worker: a backtest queued by
// POST /v1/backtests runs on the queue, with the environment's clock.
import { Type } from "typebox";
import { type EnvironmentJobOptions, environmentJobHandler } from "../organizations/index.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { runBacktest } from "./backtest-run.ts";
import { backtestRunKind } from "./backtests.ts";

/** The payload of a backtest's job (written by createBacktest, maybe by an earlier version of Fairbill). */
const BacktestRunPayload = Type.Object({ backtest_id: Type.String() });

type BacktestJobOptions = EnvironmentJobOptions & {
  /** Batches of customers priced side by side (1 on PGlite's single connection). */
  concurrency?: number;
};

export function backtestJobHandlers(options: BacktestJobOptions): Record<string, JobHandler> {
  return {
    [backtestRunKind]: environmentJobHandler(
      options,
      backtestRunKind,
      BacktestRunPayload,
      "backtest",
      (context, payload) =>
        runBacktest(context, payload.backtest_id, { concurrency: options.concurrency ?? 1 }),
    ),
  };
}
