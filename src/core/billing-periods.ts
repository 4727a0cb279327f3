// Billing periods: the half-open ranges `[start, end)` a plan bills over, on
// an anniversary anchor or on calendar boundaries, in the subscription's zone.
import { Temporal } from "temporal-polyfill";
import type { Instant } from "./instant.ts";
import { addLocalDays, addLocalMonths, localDate, startOfLocalDate } from "./time-zone.ts";

export type IntervalUnit = "day" | "week" | "month" | "quarter" | "year";

export type BillingInterval = {
  readonly unit: IntervalUnit;
  /** How many units make one period (2 × month = bimonthly). A positive integer. */
  readonly count: number;
};

/** `anniversary`: periods start on the anchor; `calendar`: periods end on calendar boundaries. */
export type BillingAlignment = "anniversary" | "calendar";

export type BillingPeriod = {
  readonly start: Instant;
  readonly end: Instant;
  /**
   * The nominal period that contains this one, the denominator of proration.
   * The same range as `[start, end)` except for a first, partial calendar period,
   * whose full period is the whole calendar period (billing rule 2).
   */
  readonly fullStart: Instant;
  readonly fullEnd: Instant;
};

export function sameInterval(left: BillingInterval, right: BillingInterval): boolean {
  return left.unit === right.unit && left.count === right.count;
}

/**
 * Anniversary periods from an anchor. Each boundary is computed from the anchor
 * (`anchor + n × interval`), never from the previous boundary, so an anchor on
 * Jan 31 gives Feb 28 and then Mar 31 again (billing rule 3). Temporal clamps
 * the day to the month's length and moves a nonexistent local time forward.
 */
type PeriodSequence = Generator<BillingPeriod, never, undefined>;

function* anniversaryPeriods(anchor: Instant, interval: BillingInterval, timeZone: string): PeriodSequence {
  let start = anchor;
  for (let index = 1; ; index++) {
    const end =
      interval.unit === "day" || interval.unit === "week"
        ? addLocalDays(anchor, interval.count * (interval.unit === "week" ? 7 : 1) * index, timeZone)
        : addLocalMonths(anchor, interval.count * monthsPerUnit(interval.unit) * index, timeZone);
    yield { start, end, fullStart: start, fullEnd: end };
    start = end;
  }
}

const EPOCH_DATE = Temporal.PlainDate.from("1970-01-01");
/** Weeks are counted from the first Monday after the epoch. */
const FIRST_EPOCH_MONDAY = Temporal.PlainDate.from("1970-01-05");

function monthsPerUnit(unit: "month" | "quarter" | "year"): number {
  return unit === "month" ? 1 : unit === "quarter" ? 3 : 12;
}

/**
 * The local dates that open and close the calendar block containing `date`.
 * Blocks of `count` units are counted from the epoch's local calendar (billing
 * rule 1): months from January 1970, weeks from Monday 1970-01-05, days from
 * 1970-01-01, so counts that divide a year align to the calendar year.
 */
function calendarBlock(
  date: Temporal.PlainDate,
  interval: BillingInterval,
): { first: Temporal.PlainDate; next: Temporal.PlainDate } {
  if (interval.unit === "day" || interval.unit === "week") {
    const blockDays = interval.count * (interval.unit === "week" ? 7 : 1);
    const origin = interval.unit === "week" ? FIRST_EPOCH_MONDAY : EPOCH_DATE;
    const daysSinceOrigin = date.since(origin, { largestUnit: "days" }).days;
    const first = origin.add({ days: Math.floor(daysSinceOrigin / blockDays) * blockDays });
    return { first, next: first.add({ days: blockDays }) };
  }
  const blockMonths = interval.count * monthsPerUnit(interval.unit);
  const monthsSinceEpoch = (date.year - 1970) * 12 + (date.month - 1);
  const firstMonth = Math.floor(monthsSinceEpoch / blockMonths) * blockMonths;
  const first = Temporal.PlainDate.from({
    year: 1970 + Math.floor(firstMonth / 12),
    month: (firstMonth % 12) + 1,
    day: 1,
  });
  return { first, next: first.add({ months: blockMonths }) };
}

/**
 * Calendar periods from `start`. A start inside a calendar block gives a first,
 * partial period up to the block's end, whose full period is the whole block.
 */
function* calendarPeriods(start: Instant, interval: BillingInterval, timeZone: string): PeriodSequence {
  let cursor = start;
  for (;;) {
    const block = calendarBlock(localDate(cursor, timeZone), interval);
    const fullStart = startOfLocalDate(block.first, timeZone);
    const fullEnd = startOfLocalDate(block.next, timeZone);
    yield { start: cursor, end: fullEnd, fullStart, fullEnd };
    cursor = fullEnd;
  }
}

/** The endless sequence of billing periods that starts at `from` (an anchor or a calendar start). */
export function billingPeriods(options: {
  from: Instant;
  interval: BillingInterval;
  alignment: BillingAlignment;
  timeZone: string;
}): PeriodSequence {
  return options.alignment === "anniversary"
    ? anniversaryPeriods(options.from, options.interval, options.timeZone)
    : calendarPeriods(options.from, options.interval, options.timeZone);
}
