// The job handlers of payments, for the worker that runs the queue: charging
// a finalized invoice, and running an invoice's due dunning steps. Each job
// works in its environment on the environment's clock (its test clock when
// one is set), as the system.
import { environmentJobContext } from "../organizations/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Logger } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { attemptCollection } from "./collection.ts";
import { runDueDunningSteps } from "./dunning-runner.ts";
import {
  collectInvoiceJobKind,
  dunningStepsJobKind,
  readCollectInvoicePayload,
  readDunningStepsPayload,
} from "./payment-job-payloads.ts";

type Options = { database: Database; clock: Clock; logger?: Logger };

export function paymentJobHandlers(options: Options): Record<string, JobHandler> {
  return {
    [collectInvoiceJobKind]: {
      // A provider that cannot be reached leaves the attempt pending; each retry resumes it with the same key.
      handle: async (job) => {
        const { invoiceId } = readCollectInvoicePayload(job.payload);
        await attemptCollection(await environmentJobContext(options, job, "collection"), invoiceId, {
          origin: "automatic",
        });
      },
    },
    [dunningStepsJobKind]: {
      handle: async (job) => {
        const { processId } = readDunningStepsPayload(job.payload);
        await runDueDunningSteps(await environmentJobContext(options, job, "dunning"), processId);
      },
    },
  };
}
