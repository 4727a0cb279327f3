// A date and time typed in a datetime-local input is read in the browser's
// time zone; the API takes an ISO 8601 instant in UTC.

/** The instant of a datetime-local value, or the value as typed when it cannot be read (the API then names it). */
export function instantFromLocal(localValue: string): string {
  const instant = new Date(localValue);
  return Number.isNaN(instant.getTime()) ? localValue : instant.toISOString();
}

/**
 * `{ [name]: the instant }` of a datetime-local value, or `{}` when none was
 * typed: spread into a request body whose date is optional.
 */
export function instantIfGiven<Name extends string>(
  name: Name,
  localValue: string,
): { [Key in Name]?: string } {
  return localValue === "" ? {} : ({ [name]: instantFromLocal(localValue) } as { [Key in Name]: string });
}

/** The next whole minute: "from now" for a date the API refuses in the past, with room for the request to arrive. */
export function nextWholeMinute(now: Date = new Date()): string {
  const next = new Date(now);
  next.setSeconds(60, 0);
  return next.toISOString();
}
