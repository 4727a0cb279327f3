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
  return localDate(to, timeZone).since(localDate(from, timeZone), { largestUnit: "days" }).days;
}

/**
 * The instant `days` local calendar days after `instant`, at the same local time
 * of day; a local time that does not exist that day moves forward by the gap.
 */
export function addLocalDays(instant: Instant, days: number, timeZone: string): Instant {
  return toInstant(toZonedDateTime(instant, timeZone).add({ days }));
}

/** The first instant of a local calendar date (midnight, or later when midnight is skipped by DST). */
export function startOfLocalDate(date: Temporal.PlainDate, timeZone: string): Instant {
  return toInstant(date.toZonedDateTime({ timeZone }));
}
