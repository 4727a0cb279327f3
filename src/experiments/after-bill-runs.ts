// What running experiments and rollouts do when a bill run ends: each, in id
// order, takes the customers it now concerns (an experiment assigns them, a
// rollout checks its watching stage and starts the stages now due).
import { BillRunCompleted } from "../billing-runs/index.ts";
import { inTenant } from "../platform/database/tenant-scope.ts";
import {
  type DomainEventSubscriber,
  type SubscriberContext,
  subscribe,
} from "../platform/events/domain-events.ts";

/** The subscriber `name` to bill runs' ends: `work` for each running experiment, or rollout. */
export function eachRunningAfterBillRun(
  table: "experiments" | "rollouts",
  name: string,
  work: (context: SubscriberContext, id: string) => Promise<unknown>,
): DomainEventSubscriber {
  return subscribe(BillRunCompleted, name, async (context) => {
    const running = await context.database
      .selectFrom(table)
      .select("id")
      .where(inTenant(context))
      .where("status", "=", "running")
      .orderBy("id")
      .execute();
    for (const { id } of running) await work(context, id);
  });
}
