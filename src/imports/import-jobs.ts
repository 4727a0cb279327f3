// The job handlers of imports for the job worker: an import queued by
// POST /v1/imports and a parallel run queued by POST /v1/parallel-runs run on
// the queue, with the environment's clock.
import { type Static, type TSchema, Type } from "typebox";
import { Value } from "typebox/value";
import type { UnpricedEventCheck } from "../metering/index.ts";
import { clockForEnvironment } from "../organizations/index.ts";
import type { Clock } from "../platform/clock.ts";
import { type Logger, type RequestContext, systemContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { runImport } from "./import-run.ts";
import { importRunKind } from "./imports.ts";
import { runParallelRun } from "./parallel-run-work.ts";
import { parallelRunKind } from "./parallel-runs.ts";

/** The payload of an import's job (written by createImport). */
const ImportRunPayload = Type.Object({ import_id: Type.String() });
/** The payload of a parallel run's job (written by createParallelRun). */
const ParallelRunPayload = Type.Object({ parallel_run_id: Type.String() });

type ImportJobOptions = {
  database: Database;
  clock: Clock;
  logger: Logger;
  /** A usage import refuses the events a price refuses, as the event routes do. */
  refuseUnpriced?: UnpricedEventCheck;
};

/**
 * A handler of one environment's work: it reads the payload, and runs the
 * work as the system actor with the environment's clock. Work that fails
 * records why and is not retried; a worker that dies starts it over.
 */
function environmentJob<Payload extends TSchema>(
  options: ImportJobOptions,
  kind: string,
  payloadSchema: Payload,
  actorName: string,
  work: (context: RequestContext, payload: Static<Payload>) => Promise<unknown>,
): JobHandler {
  return {
    retryDelaysSeconds: [],
    handle: async (job) => {
      if (job.scope === null) throw new Error(`A ${kind} job must name its environment.`);
      if (!Value.Check(payloadSchema, job.payload)) {
        throw new Error(`A ${kind} job has a payload it cannot read: ${JSON.stringify(job.payload)}`);
      }
      const clock = await clockForEnvironment(options.database, job.scope, options.clock);
      const context = systemContext({
        ...job.scope,
        database: options.database,
        clock,
        actorName,
        logger: options.logger,
      });
      await work(context, job.payload);
    },
  };
}

export function importJobHandlers(options: ImportJobOptions): Record<string, JobHandler> {
  return {
    [importRunKind]: environmentJob(options, importRunKind, ImportRunPayload, "import", (context, payload) =>
      runImport(context, payload.import_id, { refuseUnpriced: options.refuseUnpriced }),
    ),
    [parallelRunKind]: environmentJob(
      options,
      parallelRunKind,
      ParallelRunPayload,
      "parallel run",
      (context, payload) => runParallelRun(context, payload.parallel_run_id),
    ),
  };
}
