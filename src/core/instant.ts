// Instants are epoch milliseconds (UTC). A plain number keeps the hot path of
// usage ingestion free of allocations; calendar arithmetic converts to Temporal
// only where time zones matter (see billing-periods.ts).

/** A point in time: milliseconds since 1970-01-01T00:00:00Z. */
export type Instant = number;

const MILLISECONDS_PER_MINUTE = 60_000;

const CODE_ZERO = 48;
const CODE_MINUS = 45;
const CODE_PLUS = 43;
const CODE_COLON = 58;
const CODE_DOT = 46;
const CODE_T = 84;
const CODE_Z = 90;

/** The number written by `count` digits at `position`, or -1 when one of them is not a digit. */
function digitsAt(text: string, position: number, count: number): number {
  let value = 0;
  for (let index = position; index < position + count; index++) {
    const digit = text.charCodeAt(index) - CODE_ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The offset in minutes written at `position` (`Z`, `+01:00`, `-05:30`) and ending the text, or undefined. */
function offsetMinutesAt(text: string, position: number): number | undefined {
  const sign = text.charCodeAt(position);
  if (sign === CODE_Z) return position + 1 === text.length ? 0 : undefined;
  if ((sign !== CODE_PLUS && sign !== CODE_MINUS) || position + 6 !== text.length) return undefined;
  const hours = digitsAt(text, position + 1, 2);
  const minutes = digitsAt(text, position + 4, 2);
  if (
    hours < 0 ||
    hours > 23 ||
    text.charCodeAt(position + 3) !== CODE_COLON ||
    minutes < 0 ||
    minutes > 59
  ) {
    return undefined;
  }
  return (sign === CODE_MINUS ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Parses an RFC 3339 timestamp strictly: `2026-01-15T00:00:00Z`, an optional
 * fraction of a second (at most milliseconds, the engine's resolution), `Z` or
 * a `±HH:MM` offset. A month 13, a February 30 or an hour 24 is rejected rather
 * than rolled over. Returns undefined when the text is not such a timestamp.
 * Written by hand because it runs once per usage event.
 */
export function parseInstant(text: string): Instant | undefined {
  if (text.length < 20) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const separatorsAreRight =
    text.charCodeAt(4) === CODE_MINUS &&
    text.charCodeAt(7) === CODE_MINUS &&
    text.charCodeAt(10) === CODE_T &&
    text.charCodeAt(13) === CODE_COLON &&
    text.charCodeAt(16) === CODE_COLON;
  if (!separatorsAreRight || year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  if (second < 0 || second > 59) return undefined;

  let position = 19;
  let millisecond = 0;
  if (text.charCodeAt(position) === CODE_DOT) {
    let fractionDigits = 0;
    for (position++; fractionDigits < 4; position++, fractionDigits++) {
      const digit = text.charCodeAt(position) - CODE_ZERO;
      if (digit < 0 || digit > 9) break;
      millisecond = millisecond * 10 + digit;
    }
    if (fractionDigits === 0 || fractionDigits > 3) return undefined;
    millisecond *= 10 ** (3 - fractionDigits);
  }
  const offsetMinutes = offsetMinutesAt(text, position);
  if (offsetMinutes === undefined) return undefined;
  const minutes = (daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes;
  return minutes * MILLISECONDS_PER_MINUTE + second * 1_000 + millisecond;
}

/** Prints an instant in UTC to the second, as `2026-02-15T00:00:00Z`. */
export function formatInstant(instant: Instant): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}
