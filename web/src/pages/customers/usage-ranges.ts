// The ranges the customer's usage chart offers: a span back from now, cut
// into windows of the customer's time zone by the API; and the meter it opens on.

export type UsageRange = { id: string; label: string; window: "hour" | "day" | "month"; span: Span };
type Span = { hours?: number; days?: number; months?: number };

export const usageRanges: UsageRange[] = [
  { id: "24h", label: "Last 24 hours, by hour", window: "hour", span: { hours: 24 } },
  { id: "30d", label: "Last 30 days, by day", window: "day", span: { days: 30 } },
  { id: "12m", label: "Last 12 months, by month", window: "month", span: { months: 12 } },
];

/** [from, to) as ISO instants: `to` is the start of the next hour, so the current window is included. */
export function rangeBounds(range: UsageRange, now: Date): { from: string; to: string } {
  const to = new Date(now);
  to.setUTCMinutes(0, 0, 0);
  to.setUTCHours(to.getUTCHours() + 1);
  const from = new Date(to);
  if (range.span.hours) from.setUTCHours(from.getUTCHours() - range.span.hours);
  if (range.span.days) from.setUTCDate(from.getUTCDate() - range.span.days);
  if (range.span.months) from.setUTCMonth(from.getUTCMonth() - range.span.months);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The first meter that one of these invoice lines prices, else the first meter. */
export function openingMeterOf(
  lines: readonly { details: unknown }[],
  meters: readonly { code: string }[],
): string {
  const known = new Set(meters.map((meter) => meter.code));
  const priced = lines
    .map((line) => (line.details as { meter?: unknown } | null)?.meter)
    .find((meter): meter is string => typeof meter === "string" && known.has(meter));
  return priced ?? meters[0]?.code ?? "";
}
