// Instants from the API are ISO 8601 strings in UTC; people read them in a
// locale and, unless a time zone is given, in their own.

/** The instant formatted with `options`; a value that is no date is shown as it came. */
function formatInstant(
  value: string,
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(locale, options).format(date);
}

/** "Mar 4, 2026, 3:15 PM" in the browser's time zone (or `timeZone`). */
export function formatDateTime(value: string, locale?: string, timeZone?: string): string {
  return formatInstant(value, locale, {
    dateStyle: "medium",
    timeStyle: "short",
    ...(timeZone ? { timeZone } : {}),
  });
}

/**
 * A billing period's bound as a date, with the time only when it is not
 * midnight in `timeZone` (periods begin at midnight unless an anchor says otherwise).
 */
export function formatPeriodBound(value: string, timeZone: string, locale?: string): string {
  const time = formatInstant(value, "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZone,
  });
  return formatInstant(value, locale, {
    dateStyle: "medium",
    ...(time === "00:00:00" ? {} : { timeStyle: "short" }),
    timeZone,
  });
}

/** "Mar 4, 2026, 3:15 PM CET": an instant with the zone it is shown in (the browser's unless given). */
export function formatDateTimeWithZone(value: string, locale?: string, timeZone?: string): string {
  return formatInstant(value, locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  });
}
