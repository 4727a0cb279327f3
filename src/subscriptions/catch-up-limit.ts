// A subscription that starts in the past is caught up by the next bill run:
// every period since its start is invoiced, one invoice each. A start years
// back on a daily plan would issue thousands of invoices in one run (a start
// in year 1 issued 2,312 in 13 minutes and held the job worker), so a
// subscription may start at most this many whole billing periods back.
import { type BillingAlignment, type BillingInterval, billingPeriods } from "../core/index.ts";
import { validationFailed } from "../platform/errors.ts";

const maximumPastPeriods = 24;

/** Refuses a start more than `maximumPastPeriods` whole billing periods before `now`, naming `$.start_at`. */
export function refuseLongCatchUp(options: {
  startedAt: Date;
  now: Date;
  interval: BillingInterval;
  alignment: BillingAlignment;
  timeZone: string;
}): void {
  const now = options.now.getTime();
  let pastPeriods = 0;
  for (const period of billingPeriods({
    from: options.startedAt.getTime(),
    interval: options.interval,
    alignment: options.alignment,
    timeZone: options.timeZone,
  })) {
    if (period.end > now) return;
    pastPeriods += 1;
    if (pastPeriods > maximumPastPeriods) {
      throw validationFailed([
        {
          path: "$.start_at",
          message:
            `is more than ${maximumPastPeriods} billing periods ago; a subscription may start at most ` +
            `${maximumPastPeriods} billing periods back, each invoiced when it is created. Start it later ` +
            "and bill the earlier periods as one catch-up invoice (POST /v1/invoices), with their usage " +
            "sent to POST /v1/events/backfill",
        },
      ]);
    }
  }
}
