// The job that runs one recorded piece of an environment's work (an import, a
// backtest, a parallel run), queued in the transaction that records it.
import type { TenantScope } from "../context.ts";
import type { Database } from "../database/schema.ts";
import { enqueueJob } from "./job-queue.ts";

/**
 * Queues the `kind` job of the run `runId`, keyed by both: asking again while
 * it is queued queues nothing twice.
 */
export async function enqueueRunJob(
  transaction: Database,
  scope: TenantScope,
  kind: string,
  runId: string,
  payload: Record<string, string>,
): Promise<void> {
  await enqueueJob(transaction, {
    kind,
    payload,
    scope: { organizationId: scope.organizationId, environmentId: scope.environmentId },
    uniqueKey: `${kind}:${runId}`,
  });
}
