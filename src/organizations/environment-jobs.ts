// The context a job of one environment works in, the system actor with the
// environment's clock, so that a test clock moves the work as it moves the
// environment; and a job handler for one environment's long work (an import,
// a backtest, a parallel run), which also checks the payload.
import type { Static, TSchema } from "typebox";
import type { Clock } from "../platform/clock.ts";
import { type Logger, type RequestContext, systemContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { jobPayloadReader } from "../platform/jobs/job-payloads.ts";
import type { QueuedJob } from "../platform/jobs/job-queue.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { clockForEnvironment } from "./test-clock.ts";

export type EnvironmentJobOptions = { database: Database; clock: Clock; logger: Logger };

/**
 * The context of a job in the environment it names (an error naming the job's
 * kind when it names none): the system acting as `actorName`, on the
 * environment's clock (its test clock when one is set).
 */
export async function environmentJobContext(
  options: { database: Database; clock: Clock; logger?: Logger | undefined },
  job: Pick<QueuedJob, "kind" | "scope">,
  actorName: string,
): Promise<RequestContext> {
  if (job.scope === null) throw new Error(`A ${job.kind} job must name its environment.`);
  return systemContext({
    ...job.scope,
    database: options.database,
    clock: await clockForEnvironment(options.database, job.scope, options.clock),
    actorName,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
}

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
      const context = await environmentJobContext(options, job, actorName);
      await work(context, readPayload(job.payload));
    },
  };
}
