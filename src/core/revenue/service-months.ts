// A service period cut at local month boundaries, with the days served in
// each month: the weights ratable revenue is spread by. Each local day of the
// zone weighs the same (a daylight-saving day too); a partly served day
// weighs the part of it that was served.
import { Temporal } from "temporal-polyfill";
import { Decimal } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { localDate, startOfLocalDate } from "../time-zone.ts";

export type ServiceMonth = {
  /** The local month, "2027-01". */
  readonly month: string;
  /** The part of the service period inside the month: [from, to). */
  readonly from: Instant;
  readonly to: Instant;
};

/** Local days served from `from` to `to` (same zone), a partly served day counting for its share. */
export function daysServed(from: Instant, to: Instant, timeZone: string): Decimal {
  if (to <= from) return new Decimal(0);
  const first = localDate(from, timeZone);
  const last = localDate(to, timeZone);
  const dayShare = (date: Temporal.PlainDate, start: Instant, end: Instant) => {
    const dayStart = startOfLocalDate(date, timeZone);
    const dayLength = startOfLocalDate(date.add({ days: 1 }), timeZone) - dayStart;
    return new Decimal(end - start).dividedBy(dayLength);
  };
  if (first.equals(last)) return dayShare(first, from, to);
  const afterFirst = first.add({ days: 1 });
  const wholeDays = last.since(afterFirst, { largestUnit: "days" }).days;
  return dayShare(first, from, startOfLocalDate(afterFirst, timeZone))
    .plus(wholeDays)
    .plus(dayShare(last, startOfLocalDate(last, timeZone), to));
}

/** The local month holding `instant`, with its first instant and the first instant of the next. */
export function localMonthOf(
  instant: Instant,
  timeZone: string,
): { month: string; start: Instant; end: Instant } {
  const date = localDate(instant, timeZone);
  const first = Temporal.PlainDate.from({ year: date.year, month: date.month, day: 1 });
  return {
    month: first.toPlainYearMonth().toString(),
    start: startOfLocalDate(first, timeZone),
    end: startOfLocalDate(first.add({ months: 1 }), timeZone),
  };
}

/** [start, end) cut at local month boundaries, one piece per month it touches. */
export function serviceMonths(start: Instant, end: Instant, timeZone: string): ServiceMonth[] {
  const months: ServiceMonth[] = [];
  for (
    let month = localMonthOf(start, timeZone);
    month.start < end;
    month = localMonthOf(month.end, timeZone)
  ) {
    months.push({ month: month.month, from: Math.max(start, month.start), to: Math.min(end, month.end) });
  }
  return months;
}
