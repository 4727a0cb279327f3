// The billing schedule: which plan is in force over which stretch of which
// billing period. Every invoice line is derived from these plan segments, so
// this module is the single place that reads trials, plan changes and
// cancellations.
import { type BillingInterval, type BillingPeriod, billingPeriods, sameInterval } from "./billing-periods.ts";
import { BillingInputError, type Catalog, planOf } from "./catalog.ts";
import type { ContractBilling } from "./contracts/commit-ledger.ts";
import type { Instant } from "./instant.ts";
import { type QuantityTimeline, quantityTimeline } from "./quantities.ts";
import type { Subscription, SubscriptionChange } from "./subscription.ts";
import { addLocalDays } from "./time-zone.ts";

/** One plan in force over `[start, end)`, a non-empty stretch of one billing period. */
export type PlanSegment = {
  readonly planCode: string;
  readonly start: Instant;
  readonly end: Instant;
  /** The billing period the segment lies in; its full period is the proration denominator. */
  readonly period: BillingPeriod;
};

export type BillingSchedule = {
  readonly timeZone: string;
  /** Invoices are issued at instants up to and including this one. */
  readonly until: Instant;
  /** When the subscription started: `weighted_sum` levels start at 0 here, trial included. */
  readonly subscriptionStart: Instant;
  /** In time order, contiguous, none of zero length. */
  readonly segments: readonly PlanSegment[];
  /** The fixed charges' quantities over time; absent: every quantity is 1. */
  readonly quantities?: QuantityTimeline;
  /** Length of the windows that invoice usage billed in advance, from the epoch (V15). */
  readonly instantWindowMilliseconds?: number;
  /** The subscription's contract and its terms (scenario format v2, section 5); absent: none. */
  readonly contract?: ContractBilling;
};

function assertChronological(changes: readonly SubscriptionChange[], start: Instant): void {
  let previous = start;
  let cancelled = false;
  for (const change of changes) {
    if (change.at < previous) {
      throw new BillingInputError("subscription changes must be in time order and not before the start");
    }
    if (cancelled) throw new BillingInputError("no subscription change may follow a cancellation");
    if (change.type === "cancel") cancelled = true;
    previous = change.at;
  }
}

/** A sequence of billing periods for one interval, started at `from`. */
type PeriodGrid = {
  readonly interval: BillingInterval;
  readonly periods: Generator<BillingPeriod, never, undefined>;
};

/**
 * Lays a subscription's plans over its billing periods, up to the last period
 * that starts on or before `until`.
 *
 * Changes during a trial, or exactly on a period boundary, take effect before
 * anything is billed for the period (billing rules 5 and 15). A plan change
 * inside a period closes a segment and opens another in the same period: the
 * billing anchor does not move. When the new plan bills on another interval,
 * its periods start afresh at the end of the current one.
 */
export function planBillingSchedule(
  subscription: Subscription,
  catalog: Catalog,
  until: Instant,
): BillingSchedule {
  const { timeZone, changes } = subscription;
  assertChronological(changes, subscription.start);
  const segments: PlanSegment[] = [];
  const schedule: BillingSchedule = {
    timeZone,
    until,
    subscriptionStart: subscription.start,
    segments,
    quantities: quantityTimeline(subscription),
    instantWindowMilliseconds: (subscription.instantWindowMinutes ?? 60) * 60_000,
  };

  const openGrid = (from: Instant, interval: BillingInterval): PeriodGrid => ({
    interval,
    periods: billingPeriods({ from, interval, alignment: subscription.alignment, timeZone }),
  });
  const addSegment = (planCode: string, start: Instant, end: Instant, period: BillingPeriod): void => {
    if (start < end) segments.push({ planCode, start, end, period });
  };

  const firstPeriodStart = addLocalDays(subscription.start, subscription.trialDays, timeZone);
  let planCode = subscription.planCode;
  let grid = openGrid(firstPeriodStart, planOf(catalog, planCode).interval);
  let period = grid.periods.next().value;
  let nextChange = 0;

  while (period.start <= until) {
    let endsWithThisPeriod = false;
    // Changes made before the period starts (only possible during a trial) or exactly at its start.
    for (let change = changes[nextChange]; change !== undefined && change.at <= period.start; ) {
      nextChange++;
      if (change.type === "change_plan") {
        planCode = change.planCode;
      } else if (change.mode === "immediate" || change.at < period.start) {
        // Cancelled during the trial, or at the very start of a period: nothing more is billed.
        return schedule;
      } else {
        endsWithThisPeriod = true;
      }
      change = changes[nextChange];
    }
    const interval = planOf(catalog, planCode).interval;
    if (!sameInterval(interval, grid.interval)) {
      grid = openGrid(period.start, interval);
      period = grid.periods.next().value;
    }

    let segmentStart = period.start;
    for (let change = changes[nextChange]; change !== undefined && change.at < period.end; ) {
      nextChange++;
      if (change.type === "cancel" && change.mode === "period_end") {
        endsWithThisPeriod = true;
      } else {
        addSegment(planCode, segmentStart, change.at, period);
        if (change.type === "cancel") return schedule;
        planCode = change.planCode;
        segmentStart = change.at;
      }
      change = changes[nextChange];
    }
    addSegment(planCode, segmentStart, period.end, period);
    if (endsWithThisPeriod) return schedule;
    period = grid.periods.next().value;
  }
  return schedule;
}
