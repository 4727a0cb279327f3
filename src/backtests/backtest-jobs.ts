// The job handler that runs backtests for the job worker: a backtest queued by
// POST /v1/backtests runs on the queue, with the environment's clock.
import { Type } from "typebox";
import { Value } from "typebox/value";
import { clockForEnvironment } from "../organizations/index.ts";
import type { Clock } from "../platform/clock.ts";
import { type Logger, systemContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { runBacktest } from "./backtest-run.ts";
import { backtestRunKind } from "./backtests.ts";

/** The payload of a backtest's job (written by createBacktest, maybe by an earlier version of Fairbill). */
const BacktestRunPayload = Type.Object({ backtest_id: Type.String() });

type BacktestJobOptions = {
  database: Database;
  clock: Clock;
  logger: Logger;
  /** Batches of customers priced side by side (1 on PGlite's single connection). */
  concurrency?: number;
};

export function backtestJobHandlers(options: BacktestJobOptions): Record<string, JobHandler> {
  return {
    [backtestRunKind]: {
      // A backtest that fails records why and is not retried; a worker that dies starts it over.
      retryDelaysSeconds: [],
      // Long backtests keep the worker's short lease by its heartbeat.
      handle: async (job) => {
        if (job.scope === null) throw new Error(`A ${backtestRunKind} job must name its environment.`);
        const payload = job.payload;
        if (!Value.Check(BacktestRunPayload, payload)) {
          throw new Error(
            `A ${backtestRunKind} job has a payload it cannot read: ${JSON.stringify(payload)}`,
          );
        }
        const clock = await clockForEnvironment(options.database, job.scope, options.clock);
        const context = systemContext({
          ...job.scope,
          database: options.database,
          clock,
          actorName: "backtest",
          logger: options.logger,
        });
        await runBacktest(context, payload.backtest_id, { concurrency: options.concurrency ?? 1 });
      },
    },
  };
}
