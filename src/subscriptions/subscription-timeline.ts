// A subscription's timeline read at an instant: which plan version is in
// force, which billing period is running, when the trial and the subscription
// end, and the status a billing operator sees. Pure: the periods come from the
// billing core's own schedule, so what this module calls "the current period"
// is exactly the period the engine bills.
import type { BillingPeriod, Catalog, Instant, Subscription } from "../core/index.ts";
import { addLocalDays, planBillingSchedule } from "../core/index.ts";

export const subscriptionStatuses = [
  "scheduled",
  "trialing",
  "active",
  "paused",
  "canceling",
  "ended",
] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** Invoices falling due at `from <= T < until` are held; `until` null is open-ended. */
export type Pause = { readonly from: Instant; readonly until: Instant | null };

/** Where the first billing period starts: `trial_days` local calendar days after the start (billing rule 4). */
export function trialEndOf(subscription: Pick<Subscription, "start" | "trialDays" | "timeZone">): Instant {
  return addLocalDays(subscription.start, subscription.trialDays, subscription.timeZone);
}

/** The plan version (its id) in force at `at`: the last plan change at or before it, else the first. */
export function planVersionAt(subscription: Subscription, at: Instant): string {
  let planCode = subscription.planCode;
  for (const change of subscription.changes) {
    if (change.at > at) break;
    if (change.type === "change_plan") planCode = change.planCode;
  }
  return planCode;
}

/** Every plan version (id) the timeline names, for building the engine catalog. */
export function planVersionIdsOf(subscription: Subscription): string[] {
  const ids = new Set([subscription.planCode]);
  for (const change of subscription.changes) if (change.type === "change_plan") ids.add(change.planCode);
  return [...ids];
}

/** The billing period the engine bills `at` in, or null before the first period, in a trial or after the end. */
export function periodAt(subscription: Subscription, catalog: Catalog, at: Instant): BillingPeriod | null {
  if (at < trialEndOf(subscription)) return null;
  const schedule = planBillingSchedule(subscription, catalog, at);
  for (const segment of schedule.segments) {
    if (segment.start <= at && at < segment.end) return segment.period;
  }
  return null;
}

/**
 * "The end of the current period" as of `at`: the trial's end (the first
 * period's start) while the subscription has not reached it, else the end of
 * the period `at` is billed in; null once the subscription has ended.
 */
export function periodEndAfter(subscription: Subscription, catalog: Catalog, at: Instant): Instant | null {
  const trialEnd = trialEndOf(subscription);
  if (at < trialEnd) return trialEnd;
  return periodAt(subscription, catalog, at)?.end ?? null;
}

/**
 * When the recorded cancellation ends the subscription, as the engine bills
 * it: at once for `immediate`; for `period_end`, at the end of the period the
 * cancellation falls in, or when the trial ends if it falls in the trial
 * (billing rule 15). Null while no cancellation is recorded.
 */
export function endOf(subscription: Subscription, catalog: Catalog): Instant | null {
  const last = subscription.changes.at(-1);
  if (last === undefined || last.type !== "cancel") return null;
  if (last.mode === "immediate") return last.at;
  const trialEnd = trialEndOf(subscription);
  if (last.at < trialEnd) return trialEnd;
  return periodAt(subscription, catalog, last.at)?.end ?? last.at;
}

export function pauseAt(pauses: readonly Pause[], at: Instant): Pause | undefined {
  return pauses.find((pause) => pause.from <= at && (pause.until === null || at < pause.until));
}

/**
 * The status at `at`, in this order of precedence: ended, scheduled (not
 * started yet), paused, canceling (a cancellation is recorded), trialing,
 * active. The same order is written in SQL for list filters
 * (subscription-store.ts `whereStatus`).
 */
export function statusAt(
  subscription: Subscription,
  endsAt: Instant | null,
  pauses: readonly Pause[],
  at: Instant,
): SubscriptionStatus {
  if (endsAt !== null && endsAt <= at) return "ended";
  if (at < subscription.start) return "scheduled";
  if (pauseAt(pauses, at) !== undefined) return "paused";
  if (endsAt !== null) return "canceling";
  if (at < trialEndOf(subscription)) return "trialing";
  return "active";
}
