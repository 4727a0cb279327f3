// The job handlers of notifications, for the worker that runs the queue:
// webhook deliveries and email sends.
import type { Clock } from "../platform/clock.ts";
import type { Configuration } from "../platform/config.ts";
import type { Database } from "../platform/database/schema.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { emailSendJobKind } from "./email-job-payload.ts";
import { emailSendJobHandler } from "./email-sending.ts";
import type { EmailTransport } from "./email-transport.ts";
import { webhookDeliveryJobHandler } from "./webhook-delivery.ts";
import { webhookDeliveryJobKind } from "./webhook-job-payload.ts";

export function notificationJobHandlers(options: {
  database: Database;
  clock: Clock;
  configuration: Pick<Configuration, "emailFrom">;
  /** From createEmailTransport(configuration); the caller closes it when the worker stops. */
  emailTransport: EmailTransport;
}): Record<string, JobHandler> {
  return {
    [webhookDeliveryJobKind]: webhookDeliveryJobHandler({ database: options.database, clock: options.clock }),
    [emailSendJobKind]: emailSendJobHandler({
      database: options.database,
      clock: options.clock,
      transport: options.emailTransport,
      from: options.configuration.emailFrom,
    }),
  };
}
