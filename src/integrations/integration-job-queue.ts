// Queuing the integrations' jobs, outside or inside the caller's transaction:
// each names its environment, and a scheduled run (a CRM sync, a warehouse
// export) is keyed by its object and the time it is due, so that a schedule
// queues each run once.
import { type Clock, realTimeOf } from "../platform/clock.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { enqueueJob } from "../platform/jobs/job-queue.ts";

/** When a run of `objectId` is due (now when `runAt` is left out); a scheduled one queues the next when it ends. */
export type IntegrationJobTiming = { objectId: string; scheduled: boolean; runAt?: Date };

/** When the next run of a schedule every `everyMinutes` is due: the queue runs on real time, whatever the environment's test clock reads. */
export function nextScheduledRunAt(clock: Clock, everyMinutes: number): Date {
  return new Date(realTimeOf(clock).now().getTime() + everyMinutes * 60_000);
}

export function queueIntegrationJob(
  database: Database,
  scope: TenantScope,
  kind: string,
  payload: Record<string, unknown>,
  timing?: IntegrationJobTiming,
): Promise<{ id: string }> {
  return enqueueJob(database, {
    kind,
    payload,
    scope: { organizationId: scope.organizationId, environmentId: scope.environmentId },
    ...(timing?.runAt === undefined ? {} : { runAt: timing.runAt }),
    ...(timing?.scheduled && timing.runAt !== undefined
      ? { uniqueKey: `${kind}:${timing.objectId}:${timing.runAt.toISOString()}` }
      : {}),
  });
}
