// When the demo's story happens. It always leads up to the moment it is
// loaded: three whole months of history before the current month, then the
// current month so far, so that the console opens on finalized invoices for
// each of those months and on live upcoming invoices. Local times are the
// customer's own (its time zone), as billing periods are.
import { Temporal } from "temporal-polyfill";

export type DemoCalendar = {
  /** The moment the story leads up to: when the demo is loaded. */
  now: Date;
  /** The three whole months before the current one, oldest first. */
  months: readonly [Temporal.PlainYearMonth, Temporal.PlainYearMonth, Temporal.PlainYearMonth];
  /** The current month, the one the upcoming invoices are for. */
  currentMonth: Temporal.PlainYearMonth;
  /** Where the test clock starts: a day before the first month, ahead of every zone's first of the month. */
  clockStart: Date;
};

/** Which of the three months (0, the oldest, to 2), or the current month (3). */
export type DemoMonth = 0 | 1 | 2 | 3;

export function demoCalendar(now: Date): DemoCalendar {
  const currentMonth = Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO("UTC")
    .toPlainDate()
    .toPlainYearMonth();
  const months = [
    currentMonth.subtract({ months: 3 }),
    currentMonth.subtract({ months: 2 }),
    currentMonth.subtract({ months: 1 }),
  ] as const;
  const firstDay = months[0].toPlainDate({ day: 1 }).toZonedDateTime({ timeZone: "UTC" });
  return {
    now,
    months,
    currentMonth,
    clockStart: new Date(firstDay.subtract({ days: 1 }).epochMilliseconds),
  };
}

function monthOf(calendar: DemoCalendar, month: DemoMonth): Temporal.PlainYearMonth {
  return month === 3 ? calendar.currentMonth : calendar.months[month];
}

/** The instant of a local date and time of one of the demo's months in `timeZone`. */
export function localInstant(
  calendar: DemoCalendar,
  at: { month: DemoMonth; day: number; hour?: number },
  timeZone: string,
): Date {
  const date = monthOf(calendar, at.month).toPlainDate({ day: at.day });
  const local = date.toZonedDateTime({
    timeZone,
    plainTime: new Temporal.PlainTime(at.hour ?? 0),
  });
  return new Date(local.epochMilliseconds);
}

/** The instant `days` local days before the demo's now, at `hour` local time. */
export function daysBeforeNow(calendar: DemoCalendar, days: number, hour: number, timeZone: string): Date {
  const date = Temporal.Instant.fromEpochMilliseconds(calendar.now.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .subtract({ days });
  return new Date(
    date.toZonedDateTime({ timeZone, plainTime: new Temporal.PlainTime(hour) }).epochMilliseconds,
  );
}

/** The first instant of each month from the second of the three to the current one, in UTC. */
export function monthStartsInUtc(calendar: DemoCalendar): Date[] {
  return [calendar.months[1], calendar.months[2], calendar.currentMonth].map(
    (month) => new Date(month.toPlainDate({ day: 1 }).toZonedDateTime({ timeZone: "UTC" }).epochMilliseconds),
  );
}
