// The job handlers of imports for the job worker: an import queued by
// POST /v1/imports and a parallel run queued by POST /v1/parallel-runs run on
// the queue, with the environment's clock.
import { Type } from "typebox";
import type { UnpricedEventCheck } from "../metering/index.ts";
import { type EnvironmentJobOptions, environmentJobHandler } from "../organizations/index.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { runImport } from "./import-run.ts";
import { importRunKind } from "./imports.ts";
import { runParallelRun } from "./parallel-run-work.ts";
import { parallelRunKind } from "./parallel-runs.ts";

/** The payload of an import's job (written by createImport). */
const ImportRunPayload = Type.Object({ import_id: Type.String() });
/** The payload of a parallel run's job (written by createParallelRun). */
const ParallelRunPayload = Type.Object({ parallel_run_id: Type.String() });

type ImportJobOptions = EnvironmentJobOptions & {
  /** A usage import refuses the events a price refuses, as the event routes do. */
  refuseUnpriced?: UnpricedEventCheck;
};

export function importJobHandlers(options: ImportJobOptions): Record<string, JobHandler> {
  return {
    [importRunKind]: environmentJobHandler(
      options,
      importRunKind,
      ImportRunPayload,
      "import",
      (context, payload) => runImport(context, payload.import_id, { refuseUnpriced: options.refuseUnpriced }),
    ),
    [parallelRunKind]: environmentJobHandler(
      options,
      parallelRunKind,
      ParallelRunPayload,
      "parallel run",
      (context, payload) => runParallelRun(context, payload.parallel_run_id),
    ),
  };
}
