// The windows of a usage query: local hours, days or months of the customer's
// time zone (a day in Europe/Berlin starts at 23:00 or 22:00 UTC, and a day
// with a daylight-saving change lasts 23 or 25 hours), cut to the query's
// range [from, to).
import type { Temporal } from "temporal-polyfill";
import type { Instant } from "../core/index.ts";
import { localDate, startOfLocalDate, toZonedDateTime } from "../core/index.ts";

export const windowUnits = ["hour", "day", "month", "none"] as const;
export type WindowUnit = (typeof windowUnits)[number];

export type QueryWindow = { start: Instant; end: Instant };

/** The windows covering [from, to), in order; at most `limit` (undefined when there would be more). */
export function queryWindows(
  from: Instant,
  to: Instant,
  unit: WindowUnit,
  timeZone: string,
  limit: number,
): QueryWindow[] | undefined {
  if (unit === "none") return [{ start: from, end: to }];
  const windows: QueryWindow[] = [];
  let start = firstBoundary(from, unit, timeZone);
  while (start.epochMilliseconds < to) {
    if (windows.length >= limit) return undefined;
    const next = nextBoundary(start, unit, timeZone);
    windows.push({
      start: Math.max(start.epochMilliseconds, from),
      end: Math.min(next.epochMilliseconds, to),
    });
    start = next;
  }
  return windows;
}

/** The start of the local hour, day or month that holds `from`. */
function firstBoundary(
  from: Instant,
  unit: Exclude<WindowUnit, "none">,
  timeZone: string,
): Temporal.ZonedDateTime {
  if (unit === "hour") {
    return toZonedDateTime(from, timeZone).round({ smallestUnit: "hour", roundingMode: "floor" });
  }
  const date = localDate(from, timeZone);
  const firstDate = unit === "day" ? date : date.with({ day: 1 });
  return toZonedDateTime(startOfLocalDate(firstDate, timeZone), timeZone);
}

function nextBoundary(
  start: Temporal.ZonedDateTime,
  unit: Exclude<WindowUnit, "none">,
  timeZone: string,
): Temporal.ZonedDateTime {
  if (unit === "hour") return start.add({ hours: 1 });
  const nextDate = start.toPlainDate().add(unit === "day" ? { days: 1 } : { months: 1 });
  return toZonedDateTime(startOfLocalDate(nextDate, timeZone), timeZone);
}

/** The index of the window that holds an instant of the windows' range (binary search). */
export function windowIndexOf(windows: readonly QueryWindow[], instant: Instant): number {
  let low = 0;
  let high = windows.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (windows[middle]!.start <= instant) low = middle;
    else high = middle - 1;
  }
  return low;
}
