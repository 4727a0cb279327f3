// The events table's daily upkeep in `fairbill serve`: one `events.maintain`
// job a day on the job queue (its unique key names the UTC day, so several
// servers enqueue it once), queued when the server starts and then checked
// every hour. It makes the monthly partitions ahead of time (and for months
// a backfill put into the default partition), then archives and drops the
// months past each environment's retention (event-retention.ts).
import type { Clock } from "../platform/clock.ts";
import type { Logger } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { enqueueJob } from "../platform/jobs/job-queue.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { prepareEventPartitions } from "./event-partitions.ts";
import { archiveExpiredEvents } from "./event-retention.ts";

const eventMaintenanceKind = "events.maintain";
const checkEveryMilliseconds = 3_600_000;

type MaintenanceOptions = {
  database: Database;
  /** Real time: partitions and retention follow the calendar, not an environment's test clock. */
  clock: Clock;
  logger: Logger;
  /** Where archived months are written; without one, nothing is archived (partitions are still made). */
  archiveDirectory?: string | undefined;
};

/** Makes the partitions ahead and archives what retention says; what the daily job does. */
export async function maintainEventStore(options: MaintenanceOptions): Promise<void> {
  const at = options.clock.now();
  const made = await prepareEventPartitions(options.database, at);
  if (made.length > 0) options.logger.info({ partitions: made }, "made partitions of the events table");
  if (options.archiveDirectory === undefined) return;
  const outcome = await archiveExpiredEvents(options.database, {
    at,
    archiveDirectory: options.archiveDirectory,
    logger: options.logger,
  });
  if (outcome.droppedPartitions.length > 0) {
    options.logger.info(
      { partitions: outcome.droppedPartitions },
      "dropped archived partitions of the events table",
    );
  }
}

/** The job handler of the daily upkeep, for the job worker. */
export function eventMaintenanceJobHandlers(options: MaintenanceOptions): Record<string, JobHandler> {
  return {
    [eventMaintenanceKind]: {
      // A failed run (a deadlock with a backfill into an archived month, a full disk) is tried again later.
      retryDelaysSeconds: [60, 600, 3600],
      handle: () => maintainEventStore(options),
    },
  };
}

export type EventMaintenanceSchedule = {
  start(): void;
  stop(): void;
  /** Enqueues the day's job of `now` unless queued already; returns whether it was new. */
  enqueueToday(now: Date): Promise<boolean>;
};

export function createEventMaintenanceSchedule(options: {
  database: Database;
  clock: Clock;
  logger: Logger;
}): EventMaintenanceSchedule {
  let timer: NodeJS.Timeout | undefined;
  async function enqueueToday(now: Date): Promise<boolean> {
    const day = now.toISOString().slice(0, 10);
    const job = await enqueueJob(options.database, {
      kind: eventMaintenanceKind,
      payload: {},
      uniqueKey: `${eventMaintenanceKind}:${day}`,
    });
    return job.created;
  }
  const enqueue = () => {
    enqueueToday(options.clock.now()).catch((error: unknown) =>
      options.logger.error({ err: error }, "could not enqueue the events table's daily upkeep"),
    );
  };
  return {
    start() {
      if (timer !== undefined) return;
      enqueue();
      timer = setInterval(enqueue, checkEveryMilliseconds);
      timer.unref();
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
    enqueueToday,
  };
}
