// When a subscription's invoices fall due: the instants at which one of its
// plan segments opens (in-advance charges) or closes (usage, in-arrears
// charges, true-ups, proration credits), and those at which a fixed charge's
// quantity changes inside a period. Pure: read off the engine's schedule and
// the subscription's timeline. (The windows of usage billed in advance fall
// due when they received events, which the store tells: customer-billing.ts.)
import type { BillingSchedule, Instant, Subscription } from "../core/index.ts";
import { localDate } from "../core/index.ts";

/** Every instant at which a segment of the schedule opens or closes, ascending, without repeats. */
function boundaries(schedule: BillingSchedule): Instant[] {
  const instants = new Set<Instant>();
  for (const segment of schedule.segments) {
    instants.add(segment.start);
    instants.add(segment.end);
  }
  return [...instants].sort((left, right) => left - right);
}

/** The instants in `(after, schedule.until]` at which something may be billed, ascending. */
export function instantsDue(schedule: BillingSchedule, after: Instant | null): Instant[] {
  return boundaries(schedule).filter(
    (instant) => (after === null || instant > after) && instant <= schedule.until,
  );
}

/**
 * The first instant after `instant` at which something may be billed, or null
 * when nothing remains (the subscription ends). The schedule must reach past
 * `instant`: built with `until ≥ instant`, it holds the period containing it.
 */
export function nextInstantAfter(schedule: BillingSchedule, instant: Instant): Instant | null {
  return boundaries(schedule).find((candidate) => candidate > instant) ?? null;
}

/** The instants in `(after, until]` at which a fixed charge's quantity changes, ascending. */
export function quantityChangeInstants(
  timeline: Subscription,
  after: Instant | null,
  until: Instant,
): Instant[] {
  const instants = (timeline.quantityChanges ?? [])
    .map((change) => change.at)
    .filter((instant) => (after === null || instant > after) && instant <= until);
  return [...new Set(instants)].sort((left, right) => left - right);
}

/**
 * The schedule cut down to the segments that bill at `instant`: those that
 * open or close there, the one it falls inside (a quantity change bills
 * there), and, with `withEarlierSegments` (usage billed in advance, whose
 * late events bill as growth of their own period), every earlier one.
 */
export function scheduleAt(
  schedule: BillingSchedule,
  instant: Instant,
  withEarlierSegments = false,
): BillingSchedule {
  return {
    ...schedule,
    until: instant,
    segments: schedule.segments.filter(
      (segment) =>
        segment.start === instant ||
        segment.end === instant ||
        (segment.start < instant && instant < segment.end) ||
        (withEarlierSegments && segment.start < instant),
    ),
  };
}

/**
 * The subscriptions that go on the next invoice: the earliest due one, joined
 * by every other in the same currency whose instant falls on the same local
 * date (one invoice per customer and day). Each candidate brings one instant,
 * so one subscription bills as it simulates.
 */
export function nextInvoiceGroup<
  Candidate extends { instant: Instant; entry: { subscription: { currency: string } } },
>(candidates: readonly Candidate[], timeZone: string): Candidate[] {
  const earliest = candidates.reduce((first, candidate) =>
    candidate.instant < first.instant ? candidate : first,
  );
  const day = localDate(earliest.instant, timeZone).toString();
  return candidates.filter(
    (candidate) =>
      candidate.entry.subscription.currency === earliest.entry.subscription.currency &&
      localDate(candidate.instant, timeZone).toString() === day,
  );
}

/** Whether an invoice falling due at `instant` is held back by a pause. */
export function isPausedAt(
  pauses: readonly { from: Instant; until: Instant | null }[],
  instant: Instant,
): boolean {
  return pauses.some((pause) => pause.from <= instant && (pause.until === null || instant < pause.until));
}
