// The job handler that runs imports for the job worker: an import queued by
// POST /v1/imports runs on the queue, with the environment's clock.
import { Type } from "typebox";
import { Value } from "typebox/value";
import type { UnpricedEventCheck } from "../metering/index.ts";
import { clockForEnvironment } from "../organizations/index.ts";
import type { Clock } from "../platform/clock.ts";
import { type Logger, systemContext } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { runImport } from "./import-run.ts";
import { importRunKind } from "./imports.ts";

/** The payload of an import's job (written by createImport). */
const ImportRunPayload = Type.Object({ import_id: Type.String() });

export function importJobHandlers(options: {
  database: Database;
  clock: Clock;
  logger: Logger;
  /** A usage import refuses the events a price refuses, as the event routes do. */
  refuseUnpriced?: UnpricedEventCheck;
}): Record<string, JobHandler> {
  return {
    [importRunKind]: {
      // An import that fails records why and is not retried; a worker that dies starts it over.
      retryDelaysSeconds: [],
      handle: async (job) => {
        if (job.scope === null) throw new Error(`An ${importRunKind} job must name its environment.`);
        if (!Value.Check(ImportRunPayload, job.payload)) {
          throw new Error(
            `An ${importRunKind} job has a payload it cannot read: ${JSON.stringify(job.payload)}`,
          );
        }
        const clock = await clockForEnvironment(options.database, job.scope, options.clock);
        const context = systemContext({
          ...job.scope,
          database: options.database,
          clock,
          actorName: "import",
          logger: options.logger,
        });
        await runImport(context, job.payload.import_id, { refuseUnpriced: options.refuseUnpriced });
      },
    },
  };
}
