// Accounting months: "2026-10" in the environment's accounting time zone is
// the stretch of time from the first local midnight of October to the first
// of November. Reports, locks and journal exports all count months this way.
import { Temporal } from "temporal-polyfill";
import type { Instant } from "../core/index.ts";
import { localDate, startOfLocalDate } from "../core/index.ts";
import { validationFailed } from "../platform/errors.ts";

export type AccountingPeriod = {
  /** "2026-10" */
  key: string;
  start: Instant;
  /** Exclusive. */
  end: Instant;
  timeZone: string;
};

const periodPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

function periodOfMonth(month: Temporal.PlainYearMonth, timeZone: string): AccountingPeriod {
  const first = month.toPlainDate({ day: 1 });
  return {
    key: month.toString(),
    start: startOfLocalDate(first, timeZone),
    end: startOfLocalDate(first.add({ months: 1 }), timeZone),
    timeZone,
  };
}

/** The month written as `YYYY-MM`, or a 400 naming `path`. */
export function parsePeriod(text: string, timeZone: string, path: string): AccountingPeriod {
  const match = periodPattern.exec(text);
  if (match === null || Number(match[1]) < 1970) {
    throw validationFailed([{ path, message: "must be a month written as YYYY-MM, such as 2026-10" }]);
  }
  return periodOfMonth(Temporal.PlainYearMonth.from(text), timeZone);
}

/** The month that holds `instant`. */
export function periodContaining(instant: Instant, timeZone: string): AccountingPeriod {
  const date = localDate(instant, timeZone);
  return periodOfMonth(Temporal.PlainYearMonth.from({ year: date.year, month: date.month }), timeZone);
}

export function nextPeriod(period: AccountingPeriod): AccountingPeriod {
  return periodContaining(period.end, period.timeZone);
}

export function previousPeriod(period: AccountingPeriod): AccountingPeriod {
  return periodContaining(period.start - 1, period.timeZone);
}

/** Every month from `first` to `last`, both included. */
export function periodsFrom(first: AccountingPeriod, last: AccountingPeriod): AccountingPeriod[] {
  const periods: AccountingPeriod[] = [];
  for (let period = first; period.start <= last.start; period = nextPeriod(period)) periods.push(period);
  return periods;
}

/** The local calendar date on which an instant falls, `2026-10-31`, as journals print it. */
export function accountingDate(instant: Instant, timeZone: string): string {
  return localDate(instant, timeZone).toString();
}
