// The worker that runs queued jobs: it polls for due jobs of the kinds it has
// handlers for, runs each handler with no transaction open, keeps the job's
// lease alive while the handler works, and records the outcome. A handler
// that throws is retried after the next of its retry delays; when they run
// out the job is failed. Delivery is at least once (a worker can die after the
// work and before recording it), so handlers must tolerate a second run.
import type { Clock } from "../clock.ts";
import type { Logger } from "../context.ts";
import type { Database } from "../database/schema.ts";
import { FairbillError } from "../errors.ts";
import { purgeDomainEvents } from "../events/domain-event-retention.ts";
import {
  claimDueJobs,
  extendJobLease,
  finishJobAttempt,
  purgeFinishedJobs,
  type QueuedJob,
} from "./job-queue.ts";

export type JobHandler = {
  handle(job: QueuedJob): Promise<void>;
  /** Seconds to wait before each retry; the job fails after the last. Default: 15 s, 1 min, 4 min, 16 min, 64 min. */
  retryDelaysSeconds?: readonly number[];
  /** How long a claim lasts without news from its worker (renewed while the handler runs). Default 5 minutes. */
  leaseSeconds?: number;
};

export type JobWorker = {
  /** Polls for due jobs until stopped. */
  start(): void;
  /** Stops polling and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
  /** Runs every job due at `now` (the clock's time by default) and returns how many ran. */
  runDueJobs(now?: Date): Promise<number>;
};

export type JobWorkerOptions = {
  database: Database;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  pollIntervalMilliseconds?: number;
  /** Jobs run side by side by this worker. */
  concurrency?: number;
};

const defaultRetryDelaysSeconds: readonly number[] = [15, 60, 240, 960, 3840];
const defaultLeaseSeconds = 300;
const errorTextLimit = 4000;
const purgeEveryMilliseconds = 60 * 60 * 1000;
const succeededRetentionMilliseconds = 7 * 24 * 60 * 60 * 1000;
const failedRetentionMilliseconds = 30 * 24 * 60 * 60 * 1000;

export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { database, clock, logger, handlers } = options;
  const kinds = Object.keys(handlers);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pollIntervalMilliseconds = options.pollIntervalMilliseconds ?? 1000;
  const leaseSecondsByKind = Object.fromEntries(
    kinds.map((kind) => [kind, handlers[kind]?.leaseSeconds ?? defaultLeaseSeconds]),
  );

  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  let lastPurge = 0;

  async function runJob(job: QueuedJob, now: () => Date): Promise<void> {
    const handler = handlers[job.kind];
    if (!handler) return;
    const leaseMilliseconds = (handler.leaseSeconds ?? defaultLeaseSeconds) * 1000;
    // Renew the lease at a third of its length, so two missed renewals still leave it held.
    const heartbeat = setInterval(() => {
      extendJobLease(database, job, new Date(now().getTime() + leaseMilliseconds)).then(
        (held) => {
          if (!held) logger.warn({ job_id: job.id }, "job lease lost to another worker");
        },
        (error: unknown) => logger.warn({ job_id: job.id, err: error }, "could not extend a job's lease"),
      );
    }, leaseMilliseconds / 3);
    heartbeat.unref();
    let recorded: boolean;
    try {
      await handler.handle(job);
      clearInterval(heartbeat);
      recorded = await finishJobAttempt(database, job, { now: now(), succeeded: true });
    } catch (error) {
      clearInterval(heartbeat);
      const delays = handler.retryDelaysSeconds ?? defaultRetryDelaysSeconds;
      const delaySeconds = delays[job.attempt - 1];
      const finishedAt = now();
      const retryAt =
        delaySeconds === undefined ? null : new Date(finishedAt.getTime() + delaySeconds * 1000);
      const message = describeError(error);
      const log = { job_id: job.id, kind: job.kind, attempt: job.attempt, err: error };
      if (retryAt) logger.warn(log, `job failed; retrying at ${retryAt.toISOString()}`);
      else logger.error(log, "job failed for good: no retries left");
      recorded = await finishJobAttempt(database, job, {
        now: finishedAt,
        succeeded: false,
        error: message,
        retryAt,
      });
    }
    if (!recorded) logger.warn({ job_id: job.id }, "job finished after another worker had claimed it again");
  }

  // Claims and runs due jobs, a batch at a time, until none is due or `keepGoing` says stop.
  async function drain(now: Date | undefined, keepGoing: () => boolean): Promise<number> {
    const currentTime = () => now ?? clock.now();
    let ran = 0;
    while (keepGoing()) {
      const claimed = await claimDueJobs(database, {
        kinds,
        now: currentTime(),
        limit: concurrency,
        leaseSecondsByKind,
      });
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((job) => runJob(job, currentTime)));
      ran += claimed.length;
    }
    return ran;
  }

  async function poll(): Promise<void> {
    timer = undefined;
    try {
      await drain(undefined, () => !stopped);
      const now = clock.now().getTime();
      if (now - lastPurge >= purgeEveryMilliseconds) {
        lastPurge = now;
        await purgeFinishedJobs(database, {
          succeededBefore: new Date(now - succeededRetentionMilliseconds),
          failedBefore: new Date(now - failedRetentionMilliseconds),
        });
        await purgeDomainEvents(database, new Date(now - succeededRetentionMilliseconds));
      }
    } catch (error) {
      logger.error({ err: error }, "the job worker could not poll the queue");
    }
    if (!stopped) {
      timer = setTimeout(() => {
        inFlight = poll();
      }, pollIntervalMilliseconds);
      timer.unref();
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      inFlight = poll();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
    runDueJobs: (now) => drain(now, () => true),
  };
}

function describeError(error: unknown): string {
  const text =
    error instanceof FairbillError
      ? `${error.code}: ${error.detail}`
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  return text.slice(0, errorTextLimit);
}
