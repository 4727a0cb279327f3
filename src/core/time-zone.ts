// Local calendar arithmetic in an IANA time zone, with daylight-saving time
// handled by Temporal. Billing periods and proration count local calendar
// dates, never 24-hour blocks.
import { Temporal } from "temporal-polyfill";
import type { Instant } from "./instant.ts";

/** True when Temporal knows the zone (`"UTC"`, `"Europe/Paris"`, …). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function toZonedDateTime(instant: Instant, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone);
}

export function toInstant(dateTime: Temporal.ZonedDateTime): Instant {
  return dateTime.epochMilliseconds;
}

/** The local calendar date of an instant in a zone. */
export function localDate(instant: Instant, timeZone: string): Temporal.PlainDate {
  return toZonedDateTime(instant, timeZone).toPlainDate();
}

/**
 * The number of calendar days from `from`'s local date to `to`'s local date: a
 * date difference, so 23:00 to 01:00 the next day is one day, and a day with a
 * daylight-saving change still counts once.
 */
export function localDaysBetween(from: Instant, to: Instant, timeZone: string): number {
  if (timeZone === "UTC") return utcDayNumber(to) - utcDayNumber(from);
  return localDate(to, timeZone).since(localDate(from, timeZone), { largestUnit: "days" }).days;
}

/**
 * The instant `days` local calendar days after `instant`, at the same local time
 * of day; a local time that does not exist that day moves forward by the gap.
 */
export function addLocalDays(instant: Instant, days: number, timeZone: string): Instant {
  if (timeZone === "UTC") return instant + days * millisecondsPerDay;
  return toInstant(toZonedDateTime(instant, timeZone).add({ days }));
}

/**
 * The instant `months` calendar months after `instant` in the zone, at the same
 * local time; a day past the target month's end is clamped to its last day,
 * and a local time that does not exist that day moves forward by the gap
 * (Temporal's `add` with its default overflow).
 */
export function addLocalMonths(instant: Instant, months: number, timeZone: string): Instant {
  if (timeZone !== "UTC") return toInstant(toZonedDateTime(instant, timeZone).add({ months }));
  const date = new Date(instant);
  const monthIndex = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const timeOfDay = instant - utcDayNumber(instant) * millisecondsPerDay;
  const target = new Date(0);
  // setUTCFullYear, not Date.UTC, which reads a year from 0 to 99 as 19xx.
  target.setUTCFullYear(year, month, Math.min(date.getUTCDate(), daysInUtcMonth(year, month)));
  return target.getTime() + timeOfDay;
}

// UTC has neither daylight-saving time nor offset changes: its local calendar
// is plain arithmetic on epoch milliseconds, which the functions above use for
// the zone most subscriptions are in instead of building Temporal objects.
const millisecondsPerDay = 86_400_000;

/** Days from 1970-01-01 to the instant's date in UTC. */
function utcDayNumber(instant: Instant): number {
  return Math.floor(instant / millisecondsPerDay);
}

function daysInUtcMonth(year: number, month: number): number {
  const firstOfNext = new Date(0);
  firstOfNext.setUTCFullYear(year, month + 1, 1);
  return new Date(firstOfNext.getTime() - millisecondsPerDay).getUTCDate();
}

/** The first instant of a local calendar date (midnight, or later when midnight is skipped by DST). */
export function startOfLocalDate(date: Temporal.PlainDate, timeZone: string): Instant {
  return toInstant(date.toZonedDateTime({ timeZone }));
}
