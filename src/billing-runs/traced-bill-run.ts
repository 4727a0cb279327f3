// A bill run inside its own trace span, with its figures on the span: what
// the schedule and a test clock's advance run (see src/platform/tracing.ts).
import type { RequestContext } from "../platform/context.ts";
import { inSpan } from "../platform/tracing.ts";
import { type BillRun, type BillRunInput, runBillRun, runBillRunUnlessRunning } from "./bill-run.ts";

export function runTracedBillRun(
  context: RequestContext,
  input: BillRunInput,
): ReturnType<typeof runBillRun> {
  return traced(context, input, () => runBillRun(context, input)) as ReturnType<typeof runBillRun>;
}

/** runBillRunUnlessRunning in its span: undefined when a run of the environment is in progress. */
export function runTracedBillRunUnlessRunning(
  context: RequestContext,
  input: BillRunInput,
  interruptedAfterSeconds: number | undefined,
): ReturnType<typeof runBillRunUnlessRunning> {
  return traced(context, input, () => runBillRunUnlessRunning(context, input, interruptedAfterSeconds));
}

function traced(
  context: RequestContext,
  input: BillRunInput,
  run: () => Promise<(BillRun & { moreDue: boolean }) | undefined>,
): Promise<(BillRun & { moreDue: boolean }) | undefined> {
  return inSpan(
    "bill run",
    {
      attributes: {
        "fairbill.environment_id": context.environmentId,
        "fairbill.bill_run.trigger": input.trigger,
        "fairbill.bill_run.at": input.at.toISOString(),
      },
    },
    async (span) => {
      const billed = await run();
      if (billed === undefined) {
        span.setAttributes({ "fairbill.bill_run.skipped": true });
        return billed;
      }
      span.setAttributes({
        "fairbill.bill_run.id": billed.id,
        "fairbill.bill_run.status": billed.status,
        "fairbill.bill_run.customers": billed.customersTotal,
        "fairbill.bill_run.invoices_issued": billed.invoicesIssued,
        "fairbill.bill_run.errors": billed.errors,
        "fairbill.bill_run.more_due": billed.moreDue,
      });
      return billed;
    },
  );
}
