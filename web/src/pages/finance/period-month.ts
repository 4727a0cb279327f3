// Months as the finance API names them ("2026-10"): the one a page opens on,
// and how a person reads one.

const periodPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: string): boolean {
  return periodPattern.test(value);
}

/** The calendar month before `now`'s, in the browser's time zone: the month one usually closes. */
export function previousMonth(now: Date): string {
  const year = now.getMonth() === 0 ? now.getFullYear() - 1 : now.getFullYear();
  const month = now.getMonth() === 0 ? 12 : now.getMonth();
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** "2026-10" reads "October 2026" (or "Oct 2026" when `short`). */
export function periodLabel(period: string, options: { short?: boolean } = {}): string {
  const match = periodPattern.exec(period);
  if (!match) return period;
  return new Intl.DateTimeFormat(undefined, {
    month: options.short ? "short" : "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/** The month after `period`: "2026-12" → "2027-01". */
export function nextPeriod(period: string): string {
  const match = periodPattern.exec(period);
  if (!match) return period;
  const month = Number(match[2]);
  return month === 12 ? `${Number(match[1]) + 1}-01` : `${match[1]}-${String(month + 1).padStart(2, "0")}`;
}
