// The job that bills a few customers now, as the bill run would: queued in the
// transaction that released their drafts' holds (a rollout's guardrails
// passed) or moved them back to an earlier plan version (a rollout rolled
// back), so that their drafts are finalized or recomputed without waiting
// for the next scheduled run. Billing twice is harmless: a second run finds
// nothing new to bill.
import { type Static, Type } from "typebox";
import { Value } from "typebox/value";
import { environmentJobContext } from "../organizations/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Logger, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { enqueueJob } from "../platform/jobs/job-queue.ts";
import type { JobHandler } from "../platform/jobs/job-worker.ts";
import { billCustomerDue } from "./bill-customer.ts";

const billCustomersJobKind = "invoicing.bill_customers";

const BillCustomersPayload = Type.Object({ customer_ids: Type.Array(Type.String()) });
type BillCustomersPayload = Static<typeof BillCustomersPayload>;

/** Queues the billing of the customers now, part of the caller's transaction. */
export async function queueCustomerBilling(
  transaction: Database,
  scope: TenantScope,
  customerIds: readonly string[],
): Promise<void> {
  const unique = [...new Set(customerIds)].sort();
  if (unique.length === 0) return;
  const payload: BillCustomersPayload = { customer_ids: unique };
  await enqueueJob(transaction, {
    kind: billCustomersJobKind,
    payload,
    scope: { organizationId: scope.organizationId, environmentId: scope.environmentId },
  });
}

export function invoicingJobHandlers(options: {
  database: Database;
  clock: Clock;
  logger: Logger;
}): Record<string, JobHandler> {
  return {
    [billCustomersJobKind]: {
      handle: async (job) => {
        const context = await environmentJobContext(options, job, "bill-run");
        if (!Value.Check(BillCustomersPayload, job.payload)) {
          throw new Error(
            `A ${billCustomersJobKind} job has a payload it cannot read: ${JSON.stringify(job.payload)}`,
          );
        }
        for (const customerId of job.payload.customer_ids) {
          await billCustomerDue(context, customerId, context.clock.now());
        }
      },
    },
  };
}
