// The bill run's schedule in `fairbill serve`: every minute (BILL_RUN_TICK_SECONDS), one
// `bill_run.tick` job per environment goes into the job queue (its unique key
// names the environment and the minute, so two servers enqueue it once). The
// tick bills the environment up to its own "now" (its test clock, or real
// time), which catches every subscription at its period boundary: the
// boundaries themselves are computed by the engine in each customer's time
// zone and kept as the subscription's next billing instant. Ticks with
// nothing due only write the expiry of credit grants, and create no bill run.
//
// A long catch-up (a subscription started years ago, thousands of customers)
// is billed in slices: a tick issues a bounded number of invoices, then queues
// a follow-up tick at once and ends, so the queue lets other environments'
// ticks run in between. A tick killed midway is resumed by the next one: what
// it billed is no longer due.
import { expireCredits } from "../credits/index.ts";
import { billProgressivelyDue } from "../invoicing/index.ts";
import { allEnvironmentScopes, clockForEnvironment } from "../organizations/index.ts";
import { enqueueDueDunning } from "../payments/index.ts";
import type { Clock } from "../platform/clock.ts";
import { type Logger, systemContext, type TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { enqueueJob } from "../platform/jobs/job-queue.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { customersDueForBilling } from "../subscriptions/index.ts";
import { hasRunInProgress, markInterruptedRuns } from "./bill-run.ts";
import { runTracedBillRunUnlessRunning } from "./traced-bill-run.ts";

export const billRunTickKind = "bill_run.tick";
const defaultTickSeconds = 60;

type SchedulerOptions = {
  database: Database;
  /** Real time; each environment's own clock is read from it through its test clock. */
  clock: Clock;
  logger: Logger;
  /** Customers billed side by side by a scheduled run (more than one helps on PostgreSQL only). */
  concurrency?: number;
  /** Invoices one tick issues at most before it hands over to a follow-up tick (default 500). */
  invoicesPerTick?: number;
  /** Seconds without progress after which a running bill run counts as dead (the job lease; 15 by default). */
  interruptedAfterSeconds?: number;
};

const defaultInvoicesPerTick = 500;

/** The job handlers of the bill run, for the job worker. */
export function billRunJobHandlers(options: SchedulerOptions): Record<string, JobHandler> {
  return {
    [billRunTickKind]: {
      // A failed tick is not retried: the next minute's tick does the same work.
      retryDelaysSeconds: [],
      handle: async (job) => {
        if (job.scope === null) throw new Error(`A ${billRunTickKind} job must name its environment.`);
        await billEnvironmentNow(options, job.scope);
      },
    },
  };
}

async function billEnvironmentNow(options: SchedulerOptions, scope: TenantScope): Promise<void> {
  const { database } = options;
  // A run whose process died is closed with what it issued; one still going
  // (from the CLI, a test clock, or a long previous tick) is left to finish.
  await markInterruptedRuns(database, scope, options.interruptedAfterSeconds);
  if (await hasRunInProgress(database, scope, options.interruptedAfterSeconds)) return;
  const clock = await clockForEnvironment(database, scope, options.clock);
  const at = clock.now();
  // Payments: dunning steps due on the environment's clock are queued to run.
  await enqueueDueDunning(database, scope, at);
  const [anyCustomer] = await customersDueForBilling(database, scope, at, 1);
  const context = systemContext({ ...scope, database, clock, actorName: "bill-run", logger: options.logger });
  if (anyCustomer === undefined) {
    // Nothing falls due; progressive billing still watches usage between period ends.
    await billProgressivelyDue(context, at);
    await expireCredits(database, scope, at);
    return;
  }
  const run = await runTracedBillRunUnlessRunning(
    context,
    {
      at,
      trigger: "schedule",
      invoiceLimit: options.invoicesPerTick ?? defaultInvoicesPerTick,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    },
    options.interruptedAfterSeconds,
  );
  // Another node's tick started a run in the meantime.
  if (run === undefined) return;
  options.logger.info(
    {
      bill_run_id: run.id,
      environment_id: scope.environmentId,
      invoices_issued: run.invoicesIssued,
      errors: run.errors,
      more_due: run.moreDue,
    },
    run.moreDue ? "bill run slice completed; a follow-up tick continues" : "bill run completed",
  );
  if (run.moreDue) {
    await enqueueJob(database, {
      kind: billRunTickKind,
      payload: {},
      scope,
      uniqueKey: `${billRunTickKind}:${scope.environmentId}:after:${run.id}`,
    });
  }
}

export type BillRunScheduler = {
  start(): void;
  stop(): void;
  /** Enqueues the tick of every environment for the minute of `now`; returns how many were new. */
  enqueueTicks(now: Date): Promise<number>;
};

export function createBillRunScheduler(
  options: Omit<SchedulerOptions, "concurrency" | "invoicesPerTick"> & {
    /** Seconds between ticks (60 unless told; tests of several nodes tick faster). */
    tickSeconds?: number;
  },
): BillRunScheduler {
  const { database, clock, logger } = options;
  const tickEveryMilliseconds = (options.tickSeconds ?? defaultTickSeconds) * 1000;
  let timer: NodeJS.Timeout | undefined;

  async function enqueueTicks(now: Date): Promise<number> {
    const minute = new Date(Math.floor(now.getTime() / tickEveryMilliseconds) * tickEveryMilliseconds);
    let created = 0;
    for (const scope of await allEnvironmentScopes(database)) {
      const job = await enqueueJob(database, {
        kind: billRunTickKind,
        payload: {},
        scope,
        runAt: minute,
        uniqueKey: `${billRunTickKind}:${scope.environmentId}:${minute.toISOString()}`,
      });
      if (job.created) created += 1;
    }
    return created;
  }

  function scheduleNext(): void {
    const now = clock.now().getTime();
    const untilNextMinute = tickEveryMilliseconds - (now % tickEveryMilliseconds);
    timer = setTimeout(() => {
      enqueueTicks(clock.now())
        .catch((error: unknown) => logger.error({ err: error }, "could not enqueue the bill run's ticks"))
        .finally(() => {
          if (timer !== undefined) scheduleNext();
        });
    }, untilNextMinute);
    timer.unref();
  }

  return {
    start() {
      if (timer !== undefined) return;
      enqueueTicks(clock.now()).catch((error: unknown) =>
        logger.error({ err: error }, "could not enqueue the bill run's ticks"),
      );
      scheduleNext();
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    enqueueTicks,
  };
}
