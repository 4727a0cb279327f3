// The job handlers of notifications, for the worker that runs the queue:
// webhook deliveries always, and email sends when the worker knows where
// emails go (a worker without those settings leaves email jobs to one with them).
import type { Clock } from "../platform/clock.ts";
import type { Configuration } from "../platform/config.ts";
import type { Database } from "../platform/database/schema.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { emailSendJobKind } from "./email-job-payload.ts";
import { emailSendJobHandler } from "./email-sending.ts";
import { createEmailTransport } from "./email-transport.ts";
import { webhookDeliveryJobHandler } from "./webhook-delivery.ts";
import { webhookDeliveryJobKind } from "./webhook-job-payload.ts";

export type EmailSettings = Pick<Configuration, "smtpUrl" | "emailFrom" | "dataDirectory">;

export function notificationJobHandlers(options: {
  database: Database;
  clock: Clock;
  email?: EmailSettings;
}): Record<string, JobHandler> {
  const { database, clock, email } = options;
  return {
    [webhookDeliveryJobKind]: webhookDeliveryJobHandler({ database, clock }),
    ...(email
      ? {
          [emailSendJobKind]: emailSendJobHandler({
            database,
            clock,
            transport: createEmailTransport(email),
            from: email.emailFrom,
          }),
        }
      : {}),
  };
}
