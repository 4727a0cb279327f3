// The worker that runs queued jobs: it polls for due jobs of the kinds it has
// handlers for, runs each handler with no transaction open, keeps the job's
// lease alive while the handler works, and records the outcome. A handler
// that throws is retried after the next of its retry delays; when they run
// out the job is failed. Delivery is at least once (a worker can die after the
// work and before recording it), so handlers must tolerate a second run.
//
// Handlers run in lanes, each with its own slots (billing, deliveries, the
// rest), so a bill run never waits for a free slot behind webhook deliveries
// and deliveries never wait behind a long bill run. A lane claims again as
// soon as one of its slots frees: nothing waits for a whole batch to finish.
import { hostname } from "node:os";
import type { Clock } from "../clock.ts";
import type { Logger } from "../context.ts";
import type { Database } from "../database/schema.ts";
import { FairbillError } from "../errors.ts";
import { purgeDomainEvents } from "../events/domain-event-retention.ts";
import { inSpan } from "../tracing.ts";
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
  /** How long a claim lasts without news from its worker (renewed while the handler runs); the worker's lease unless told. */
  leaseSeconds?: number;
  /** The lane whose slots the job runs in; `general` when omitted. */
  lane?: string;
};

/** The same handlers, each running in `lane`. */
export function inLane(lane: string, handlers: Record<string, JobHandler>): Record<string, JobHandler> {
  return Object.fromEntries(Object.entries(handlers).map(([kind, handler]) => [kind, { ...handler, lane }]));
}

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
  /** Jobs of a lane run side by side by this worker, in every lane that `lanes` does not name. */
  concurrency?: number;
  /** Slots by lane name, where a lane needs other than `concurrency`. */
  lanes?: Record<string, number>;
  /**
   * How long a claim lasts without a renewal (default 15 s): the heartbeat
   * renews it every third of that while the handler runs, so a dead worker's
   * jobs move to another within this many seconds.
   */
  leaseSeconds?: number;
  /** Recorded on each attempt; the host and process id unless told. */
  name?: string;
};

const generalLane = "general";

const defaultRetryDelaysSeconds: readonly number[] = [15, 60, 240, 960, 3840];
const defaultLeaseSeconds = 15;
const errorTextLimit = 4000;
const purgeEveryMilliseconds = 60 * 60 * 1000;
const succeededRetentionMilliseconds = 7 * 24 * 60 * 60 * 1000;
const failedRetentionMilliseconds = 30 * 24 * 60 * 60 * 1000;

type Lane = { name: string; kinds: string[]; slots: number; busy: number };

export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { database, clock, logger, handlers } = options;
  const kinds = Object.keys(handlers);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pollIntervalMilliseconds = options.pollIntervalMilliseconds ?? 1000;
  const workerLeaseSeconds = options.leaseSeconds ?? defaultLeaseSeconds;
  const leaseSecondsOf = (kind: string) => handlers[kind]?.leaseSeconds ?? workerLeaseSeconds;
  const leaseSecondsByKind = Object.fromEntries(kinds.map((kind) => [kind, leaseSecondsOf(kind)]));
  const workerName = options.name ?? `${hostname()}:${process.pid}`;
  const lanes = new Map<string, Lane>();
  for (const kind of kinds) {
    const name = handlers[kind]?.lane ?? generalLane;
    const lane = lanes.get(name) ?? {
      name,
      kinds: [],
      slots: Math.max(1, options.lanes?.[name] ?? concurrency),
      busy: 0,
    };
    lane.kinds.push(kind);
    lanes.set(name, lane);
  }

  let stopped = true;
  let wakeUp: () => void = () => {};
  let looping: Promise<unknown> = Promise.resolve();
  let lastPurge = 0;
  // The jobs this worker's handlers are running, by id. A handler that keeps the event loop or
  // the embedded database's one connection busy past its lease (a backtest pricing hundreds
  // of invoices) misses its renewals, and the worker's next claim takes its own job back: that
  // claim is then handed to the run in hand instead of starting the job a second time beside it.
  const runningJobs = new Map<string, QueuedJob>();

  async function runJob(job: QueuedJob, now: () => Date): Promise<void> {
    const handler = handlers[job.kind];
    if (!handler) return;
    runningJobs.set(job.id, job);
    try {
      await runHandler(handler, job, now);
    } finally {
      runningJobs.delete(job.id);
    }
  }

  async function runHandler(handler: JobHandler, job: QueuedJob, now: () => Date): Promise<void> {
    const leaseMilliseconds = leaseSecondsOf(job.kind) * 1000;
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
      await inSpan(
        `job ${job.kind}`,
        {
          attributes: {
            "fairbill.job.id": job.id,
            "fairbill.job.kind": job.kind,
            "fairbill.job.attempt": job.attempt,
          },
        },
        () => handler.handle(job),
      );
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

  /**
   * Claims due jobs for every lane's free slots and starts them, until
   * `keepGoing` says stop. With `idle`, it waits for a job to finish or a
   * poll interval when there is nothing to claim; without, it returns once
   * nothing is due and nothing runs.
   */
  async function work(
    now: Date | undefined,
    keepGoing: () => boolean,
    idle?: () => Promise<void>,
  ): Promise<number> {
    const currentTime = () => now ?? clock.now();
    const running = new Set<Promise<void>>();
    let ran = 0;
    while (keepGoing()) {
      let claimedAny = false;
      // A lane is saturated when it is full or its claim filled every free slot: more may be due.
      let saturated = false;
      for (const lane of lanes.values()) {
        if (lane.busy >= lane.slots) saturated = true;
        if (lane.busy >= lane.slots || !keepGoing()) continue;
        const asked = lane.slots - lane.busy;
        const claimed = await claimDueJobs(database, {
          kinds: lane.kinds,
          now: currentTime(),
          limit: asked,
          leaseSecondsByKind,
          worker: workerName,
        });
        if (claimed.length === asked) saturated = true;
        for (const job of claimed) {
          claimedAny = true;
          const inHand = runningJobs.get(job.id);
          if (inHand !== undefined) {
            // Its lease and attempt are now the new claim's, which the run in hand renews and finishes.
            inHand.attempt = job.attempt;
            continue;
          }
          ran += 1;
          lane.busy += 1;
          const jobRun: Promise<void> = runJob(job, currentTime)
            .catch((error: unknown) => logger.error({ err: error, job_id: job.id }, "could not run a job"))
            .finally(() => {
              lane.busy -= 1;
              running.delete(jobRun);
            });
          running.add(jobRun);
        }
      }
      // Saturated: claim again as soon as a slot frees. Drained: nothing else was due, so wait
      // for the poll interval (or, when draining for a caller, for the jobs in hand, whose
      // handlers may queue more) rather than ask the queue again after every job.
      if (idle) await Promise.race(saturated ? [...running, idle()] : [idle()]);
      else if (running.size > 0) await (saturated ? Promise.race(running) : Promise.all(running));
      else if (!claimedAny) break;
    }
    await Promise.all(running);
    return ran;
  }

  /** Resolves after a poll interval, or at once when the worker is stopped. */
  function pollInterval(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, pollIntervalMilliseconds);
      timer.unref();
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async function purgeWhenDue(): Promise<void> {
    const now = clock.now().getTime();
    if (now - lastPurge < purgeEveryMilliseconds) return;
    lastPurge = now;
    try {
      await purgeFinishedJobs(database, {
        succeededBefore: new Date(now - succeededRetentionMilliseconds),
        failedBefore: new Date(now - failedRetentionMilliseconds),
      });
      await purgeDomainEvents(database, new Date(now - succeededRetentionMilliseconds));
    } catch (error) {
      logger.error({ err: error }, "the job worker could not purge finished jobs");
    }
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      try {
        await work(
          undefined,
          () => !stopped,
          async () => {
            await purgeWhenDue();
            await pollInterval();
          },
        );
      } catch (error) {
        logger.error({ err: error }, "the job worker could not poll the queue");
        if (!stopped) await pollInterval();
      }
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      looping = loop();
    },
    async stop() {
      stopped = true;
      wakeUp();
      await looping;
    },
    runDueJobs: (now) => work(now, () => true),
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
