// The forecast the portal shows beside the cost to date: each usage line's
// amount so far, extrapolated in a straight line to the end of its period
// (amount × period length ÷ time elapsed), and every other line as it is.
// It is a projection of the pace so far, not a promise: tiers, minimums,
// discounts, credits and tax are not re-priced, and the portal says so.
import { currencyFor, Decimal, formatAmount, roundToMinorUnit, sumDecimals, ZERO } from "../core/index.ts";
import type { PortalForecast } from "./portal-schemas.ts";

type ForecastLine = {
  kind: string;
  amount: string;
  period_start: string | null;
  period_end: string | null;
};

const forecastDescription =
  "Usage charges so far, extrapolated in a straight line to the end of their period (at the pace of at " +
  "least the first day); fixed charges as they are. Before discounts, credits and tax.";

/** The forecast of an upcoming invoice's lines at `now`; null when it has no line with a period. */
export function forecastSpend(
  lines: readonly ForecastLine[],
  currencyCode: string,
  now: Date,
): PortalForecast | null {
  const currency = currencyFor(currencyCode);
  const periods = lines.filter((line) => line.period_start !== null && line.period_end !== null);
  const usageLines = periods.filter((line) => line.kind === "usage");
  const framing = usageLines.length > 0 ? usageLines : periods;
  if (framing.length === 0) return null;
  const periodStart = Math.min(...framing.map((line) => Date.parse(line.period_start as string)));
  const periodEnd = Math.max(...framing.map((line) => Date.parse(line.period_end as string)));

  let usageToDate = ZERO;
  let usageForecast = ZERO;
  for (const line of lines) {
    if (line.kind !== "usage") continue;
    const amount = new Decimal(line.amount);
    usageToDate = usageToDate.plus(amount);
    usageForecast = usageForecast.plus(projectedAmount(amount, line, now.getTime()));
  }
  usageForecast = roundToMinorUnit(usageForecast, currency);
  const subtotalToDate = sumDecimals(lines.map((line) => new Decimal(line.amount)));
  const otherLines = subtotalToDate.minus(usageToDate);
  return {
    method: "linear",
    description: forecastDescription,
    period_start: new Date(periodStart).toISOString(),
    period_end: new Date(periodEnd).toISOString(),
    usage_to_date: formatAmount(usageToDate, currency),
    usage_forecast: formatAmount(usageForecast, currency),
    subtotal_to_date: formatAmount(subtotalToDate, currency),
    subtotal_forecast: formatAmount(otherLines.plus(usageForecast), currency),
  };
}

// The pace is read over at least a day: minutes into a period, a handful of
// events would otherwise project to an absurd month.
const shortestPaceMilliseconds = 24 * 3600 * 1000;

// Before the period has begun there is no pace to go by, and after its end
// nothing is left to project: the amount stands as it is.
function projectedAmount(amount: Decimal, line: ForecastLine, now: number): Decimal {
  if (line.period_start === null || line.period_end === null) return amount;
  const start = Date.parse(line.period_start);
  const end = Date.parse(line.period_end);
  if (now <= start || now >= end) return amount;
  const elapsed = Math.min(Math.max(now - start, shortestPaceMilliseconds), end - start);
  return amount.times(end - start).dividedBy(elapsed);
}
