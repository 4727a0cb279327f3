// Instants are epoch milliseconds (UTC). A plain number keeps the hot path of
// usage ingestion free of allocations; calendar arithmetic converts to Temporal
// only where time zones matter (see billing-periods.ts).

/** A point in time: milliseconds since 1970-01-01T00:00:00Z. */
export type Instant = number;

const MILLISECONDS_PER_MINUTE = 60_000;

/**
 * RFC 3339 timestamp: `2026-01-15T00:00:00Z`, optional fraction of a second (at
 * most milliseconds, the engine's resolution), `Z` or a `±HH:MM` offset.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an RFC 3339 timestamp strictly: a month 13, a February 30 or an hour 24
 * is rejected rather than rolled over. Returns undefined when the text is not one.
 */
export function parseInstant(text: string): Instant | undefined {
  const match = TIMESTAMP.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  const millisecond = match[7] === undefined ? 0 : Number(match[7].padEnd(3, "0"));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = match[8] ?? "Z";
  let offsetMinutes = 0;
  if (offset !== "Z") {
    const offsetHours = Number(offset.slice(1, 3));
    const offsetRest = Number(offset.slice(4, 6));
    if (offsetHours > 23 || offsetRest > 59) return undefined;
    offsetMinutes = (offset.startsWith("-") ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  // Date.UTC treats years 0–99 as 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millisecond));
  date.setUTCFullYear(year);
  return date.getTime() - offsetMinutes * MILLISECONDS_PER_MINUTE;
}

/** Prints an instant in UTC to the second, as `2026-02-15T00:00:00Z`. */
export function formatInstant(instant: Instant): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}
