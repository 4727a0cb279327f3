// Advancing a test clock: move it forward, then run the environment's bill
// run at the new instant with the environment's context reading that instant,
// so the caller sees at once what the months in between issued.

import { frozenClock, moveTestClockForward, type TestClock } from "../organizations/index.ts";
import { enqueueDueDunning } from "../payments/index.ts";
import type { RequestContext } from "../platform/context.ts";
import type { BillRun } from "./bill-run.ts";
import { runTracedBillRun } from "./traced-bill-run.ts";

export async function advanceTestClock(
  context: RequestContext,
  to: Date,
): Promise<{ testClock: TestClock; billRun: BillRun }> {
  const testClock = await moveTestClockForward(context, to);
  const billRun = await runTracedBillRun(
    { ...context, clock: frozenClock(to) },
    { at: to, trigger: "test_clock" },
  );
  // Payments: dunning steps (retries, reminders, final actions) that fall due by `to` are queued to run.
  await enqueueDueDunning(context.database, context, to);
  return { testClock, billRun };
}
