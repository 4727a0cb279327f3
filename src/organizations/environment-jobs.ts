// A job handler for one environment's long work (an import, a backtest, a
// parallel run): it checks the payload, and runs the work as the system actor
// with the environment's clock, so a test clock moves the work as it moves
// the environment.
import type { Static, TSchema } from "typebox";
import type { Clock } from "../platform/clock.ts";
import { type Logger, type RequestContext, systemContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { jobPayloadReader } from "../platform/jobs/job-payloads.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { clockForEnvironment } from "./test-clock.ts";

export type EnvironmentJobOptions = { database: Database; clock: Clock; logger: Logger };

/**
 * The handler of `kind` jobs: work that fails records why and is not retried;
 * a worker that dies starts it over (long work keeps the worker's short lease
 * by its heartbeat).
 */
export function environmentJobHandler<Payload extends TSchema>(
  options: EnvironmentJobOptions,
  kind: string,
  payloadSchema: Payload,
  actorName: string,
  work: (context: RequestContext, payload: Static<Payload>) => Promise<unknown>,
): JobHandler {
  const readPayload = jobPayloadReader(kind, payloadSchema);
  return {
    retryDelaysSeconds: [],
    handle: async (job) => {
      if (job.scope === null) throw new Error(`A ${kind} job must name its environment.`);
      const payload = readPayload(job.payload);
      const clock = await clockForEnvironment(options.database, job.scope, options.clock);
      const context = systemContext({
        ...job.scope,
        database: options.database,
        clock,
        actorName,
        logger: options.logger,
      });
      await work(context, payload);
    },
  };
}
