// A bill run inside its own trace span, with its figures on the span: what
// the schedule and a test clock's advance run (see src/platform/tracing.ts).
import type { RequestContext } from "../platform/context.ts";
import { inSpan } from "../platform/tracing.ts";
import { type BillRunInput, runBillRun } from "./bill-run.ts";

export function runTracedBillRun(
  context: RequestContext,
  input: BillRunInput,
): ReturnType<typeof runBillRun> {
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
      const run = await runBillRun(context, input);
      span.setAttributes({
        "fairbill.bill_run.id": run.id,
        "fairbill.bill_run.status": run.status,
        "fairbill.bill_run.customers": run.customersTotal,
        "fairbill.bill_run.invoices_issued": run.invoicesIssued,
        "fairbill.bill_run.errors": run.errors,
        "fairbill.bill_run.more_due": run.moreDue,
      });
      return run;
    },
  );
}
