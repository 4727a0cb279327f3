// Sending one queued email: the job handler behind the outbox. A transport
// failure (the SMTP server down or refusing) fails the job, and the queue
// retries it on the schedule below; after the last retry the email is marked
// failed. A message already sent is never sent again by a second run.
import type { Clock } from "../platform/clock.ts";
import type { Database } from "../platform/database/schema.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import type { QueuedJob } from "../platform/jobs/job-queue.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { readEmailSendJobPayload } from "./email-job-payload.ts";
import type { EmailTransport } from "./email-transport.ts";

/** Seconds between tries of a send that failed: 1 min, 5 min, 30 min, 2 h, 6 h (about 8.6 hours in all). */
export const emailRetryDelaysSeconds: readonly number[] = [60, 300, 1800, 7200, 21600];

export type EmailSendingOptions = {
  database: Database;
  clock: Clock;
  transport: EmailTransport;
  /** The From address, such as `Acme Billing <billing@acme.example>`. */
  from: string;
};

export function emailSendJobHandler(options: EmailSendingOptions): JobHandler {
  return {
    handle: (job) => sendQueuedEmail(options, job),
    retryDelaysSeconds: emailRetryDelaysSeconds,
  };
}

async function sendQueuedEmail(options: EmailSendingOptions, job: QueuedJob): Promise<void> {
  const { database, clock, transport } = options;
  const { emailId } = readEmailSendJobPayload(job.payload);
  const scope = job.scope;
  if (!scope) throw new Error(`Email send job ${job.id} names no environment.`);
  const scoped = () =>
    database.updateTable("email_messages").where(inTenant(scope)).where("id", "=", emailId);

  const email = await database
    .selectFrom("email_messages")
    .select(["id", "recipient", "subject", "html_body", "text_body", "status"])
    .where(inTenant(scope))
    .where("id", "=", emailId)
    .executeTakeFirst();
  if (!email) throw new Error(`Email ${emailId} does not exist in its environment.`);
  if (email.status !== "queued") return;

  try {
    await transport.send({
      id: email.id,
      from: options.from,
      to: email.recipient,
      subject: email.subject,
      html: email.html_body,
      text: email.text_body,
    });
  } catch (error) {
    const lastTry = job.attempt > emailRetryDelaysSeconds.length;
    await scoped()
      .set({
        status: lastTry ? "failed" : "queued",
        attempt_count: job.attempt,
        last_error: error instanceof Error ? error.message.slice(0, 2000) : String(error),
        transport: transport.kind,
        updated_at: clock.now(),
      })
      .execute();
    throw error;
  }
  const now = clock.now();
  await scoped()
    .set({
      status: "sent",
      attempt_count: job.attempt,
      last_error: null,
      transport: transport.kind,
      sent_at: now,
      updated_at: now,
    })
    .execute();
}
