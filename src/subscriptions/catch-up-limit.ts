// A subscription that starts in the past is caught up by the next bill run:
// every period since its start is invoiced, one invoice each. A start years
// back on a daily plan would issue thousands of invoices in one run (a start
// in year 1 issued 2,312 in 13 minutes and held the job worker), so billing
// may start at most this many whole billing periods back. A longer history
// (a customer moved over from another billing system) is recorded in backfill
// mode: `billing_starts_at` says from when Fairbill bills it.
import { type BillingAlignment, type BillingInterval, billingPeriods } from "../core/index.ts";
import { validationFailed } from "../platform/errors.ts";

const maximumPastPeriods = 24;

/**
 * Refuses billing that would start more than `maximumPastPeriods` whole billing
 * periods before `now`, and a `billingStartsAt` before `startedAt`. The periods
 * are counted from `billingStartsAt` when given (naming `$.billing_starts_at`),
 * else from `startedAt` (naming `$.start_at`).
 */
export function refuseLongCatchUp(options: {
  startedAt: Date;
  billingStartsAt: Date | undefined;
  now: Date;
  interval: BillingInterval;
  alignment: BillingAlignment;
  timeZone: string;
}): void {
  const { startedAt, billingStartsAt } = options;
  if (billingStartsAt !== undefined && billingStartsAt.getTime() < startedAt.getTime()) {
    throw validationFailed([{ path: "$.billing_starts_at", message: "must be on or after start_at" }]);
  }
  const now = options.now.getTime();
  const billedFrom = (billingStartsAt ?? startedAt).getTime();
  let pastPeriods = 0;
  for (const period of billingPeriods({
    from: startedAt.getTime(),
    interval: options.interval,
    alignment: options.alignment,
    timeZone: options.timeZone,
  })) {
    if (period.end > now) return;
    if (period.end <= billedFrom) continue;
    pastPeriods += 1;
    if (pastPeriods > maximumPastPeriods) throw tooFarBack(billingStartsAt !== undefined);
  }
}

function tooFarBack(inBackfillMode: boolean) {
  const limit = `at most ${maximumPastPeriods} billing periods back, each invoiced when it is created`;
  if (inBackfillMode) {
    return validationFailed([
      {
        path: "$.billing_starts_at",
        message: `is more than ${maximumPastPeriods} billing periods ago; billing may start ${limit}`,
      },
    ]);
  }
  return validationFailed([
    {
      path: "$.start_at",
      message:
        `is more than ${maximumPastPeriods} billing periods ago; a subscription may start ${limit}. ` +
        "To record an older start without invoicing its history, set billing_starts_at (backfill mode) " +
        "to the instant Fairbill bills it from",
    },
  ]);
}
