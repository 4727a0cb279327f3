// The job handler of alerts, for the worker that runs the queue: one
// evaluation of one customer's rules, at the environment's own time (its test
// clock, or real time). A second run of the same job evaluates again and
// fires nothing twice, as the worker's at-least-once delivery requires.
import { environmentJobContext } from "../organizations/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Logger } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { errorMessage } from "../platform/errors.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { evaluateCustomerAlerts } from "./alert-evaluation.ts";
import {
  alertEvaluationJobKind,
  readAlertEvaluationJobPayload,
  takeAlertEvaluationRequest,
} from "./alert-evaluation-requests.ts";

export function alertJobHandlers(options: {
  database: Database;
  /** Real time; each environment's own clock is read from it through its test clock. */
  clock: Clock;
  logger: Logger;
}): Record<string, JobHandler> {
  const { database, logger } = options;
  return {
    [alertEvaluationJobKind]: {
      // Usage keeps arriving, and each batch asks again: a short schedule is enough.
      retryDelaysSeconds: [15, 60, 300],
      handle: async (job) => {
        if (job.scope === null)
          throw new Error(`An ${alertEvaluationJobKind} job must name its environment.`);
        const { customerId } = readAlertEvaluationJobPayload(job.payload);
        // First, before reading anything: usage stored from here on queues the next evaluation.
        await takeAlertEvaluationRequest(database, job.scope, customerId);
        const context = await environmentJobContext(options, job, "alerts");
        const evaluation = await evaluateCustomerAlerts(context, customerId);
        for (const { alertId, error } of evaluation.failed) {
          logger.warn(
            { alert_id: alertId, customer_id: customerId, err: error },
            "could not evaluate an alert",
          );
        }
        const [firstFailure] = evaluation.failed;
        if (firstFailure !== undefined) {
          throw new Error(
            `${evaluation.failed.length} of ${evaluation.evaluated} alerts of customer ${customerId} could not be ` +
              `evaluated; the first (${firstFailure.alertId}): ${errorMessage(firstFailure.error)}`,
          );
        }
      },
    },
  };
}
