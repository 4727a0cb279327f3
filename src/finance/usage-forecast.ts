// A simple usage-trend forecast of next month's revenue per customer: each
// usage charge's billed quantity per month (up to the last six months) is
// fitted with a least-squares line, extended one month and priced with the
// customer's current plan version (tiers included, through the core's
// priceUsage); recurring fees carry over at their current monthly rate.
import {
  currencyFor,
  Decimal,
  formatAmount,
  formatQuantity,
  type Instant,
  priceUsage,
  roundToMinorUnit,
  ZERO,
} from "../core/index.ts";
import { type AccountingPeriod, periodContaining } from "./accounting-periods.ts";
import type { Books } from "./books.ts";
import { committedFees, mrrOfMonth } from "./recurring-revenue.ts";
import type { UsagePricer } from "./usage-pricing.ts";

const monthsOfHistory = 6;

/** The least-squares line through (0, y0), (1, y1), … taken one step past the last point, never below zero. */
function nextByTrend(values: readonly Decimal[]): Decimal {
  const count = values.length;
  if (count === 0) return ZERO;
  if (count === 1) return values[0] as Decimal;
  const meanX = new Decimal(count - 1).dividedBy(2);
  const meanY = values.reduce((sum, value) => sum.plus(value), ZERO).dividedBy(count);
  let covariance = ZERO;
  let variance = ZERO;
  values.forEach((value, index) => {
    const dx = new Decimal(index).minus(meanX);
    covariance = covariance.plus(dx.times(value.minus(meanY)));
    variance = variance.plus(dx.times(dx));
  });
  const slope = covariance.dividedBy(variance);
  const next = meanY.plus(slope.times(new Decimal(count).minus(meanX)));
  return next.isNegative() ? ZERO : next;
}

export type CustomerForecast = {
  customer_id: string;
  currency: string;
  period: string;
  recurring: string;
  usage: {
    meter: string;
    charge_id: string;
    history: { period: string; quantity: string }[];
    forecast_quantity: string;
    forecast_amount: string | null;
  }[];
  total: string;
  method: string;
};

type UsageHistory = {
  customerId: string;
  currency: string;
  subscriptionId: string;
  meter: string;
  chargeId: string;
  quantities: Map<string, Decimal>;
  amounts: Map<string, Decimal>;
  lastVersionId: string;
  lastEnd: Instant;
};

export async function forecastNextMonth(input: {
  books: Books;
  last: AccountingPeriod;
  next: AccountingPeriod;
  pricer: UsagePricer;
}): Promise<CustomerForecast[]> {
  const { books, last, next } = input;
  const timeZone = books.timeZone;
  const histories = new Map<string, UsageHistory>();
  const oldest = last.start - monthsOfHistory * 31 * 86_400_000;
  for (const invoice of books.invoices) {
    if (invoice.voidedAt !== null || invoice.origin === "one_off") continue;
    for (const line of invoice.lines) {
      if (line.kind !== "usage" || line.meter === null || line.chargeId === null) continue;
      if (line.subscriptionId === null || line.planVersionId === null || line.periodEnd === null) continue;
      if (line.periodEnd > last.end || line.periodEnd <= oldest) continue;
      const key = [invoice.customerId, line.subscriptionId, line.chargeId].join("|");
      const history = histories.get(key) ?? {
        customerId: invoice.customerId,
        currency: invoice.currency,
        subscriptionId: line.subscriptionId,
        meter: line.meter,
        chargeId: line.chargeId,
        quantities: new Map<string, Decimal>(),
        amounts: new Map<string, Decimal>(),
        lastVersionId: line.planVersionId,
        lastEnd: line.periodEnd,
      };
      const month = periodContaining(line.periodEnd - 1, timeZone).key;
      history.quantities.set(month, (history.quantities.get(month) ?? ZERO).plus(line.quantity));
      history.amounts.set(month, (history.amounts.get(month) ?? ZERO).plus(line.amount));
      if (line.periodEnd >= history.lastEnd) {
        history.lastEnd = line.periodEnd;
        history.lastVersionId = line.planVersionId;
      }
      histories.set(key, history);
    }
  }
  const recurring = new Map<string, Decimal>();
  for (const [key, amount] of mrrOfMonth(committedFees(books), books.locks, last)) {
    recurring.set(key, amount);
  }
  const forecasts = new Map<string, CustomerForecast & { totalAmount: Decimal }>();
  const forecastOf = (customerId: string, currency: string) => {
    const key = `${customerId}|${currency}`;
    let forecast = forecasts.get(key);
    if (forecast === undefined) {
      const fixed = recurring.get(key) ?? ZERO;
      forecast = {
        customer_id: customerId,
        currency,
        period: next.key,
        recurring: formatAmount(fixed, currencyFor(currency)),
        usage: [],
        total: "",
        totalAmount: roundToMinorUnit(fixed, currencyFor(currency)),
        method: `recurring fees at their current monthly rate; usage by a linear trend of up to ${monthsOfHistory} billed months, priced at the plan version in force`,
      };
      forecasts.set(key, forecast);
    }
    return forecast;
  };
  for (const key of recurring.keys()) {
    const [customerId = "", currency = ""] = key.split("|");
    forecastOf(customerId, currency);
  }
  for (const history of histories.values()) {
    // Only customers still billed in the last month are forecast.
    if (history.lastEnd < last.start) continue;
    const months = [...history.quantities.keys()].sort().slice(-monthsOfHistory);
    const quantities = months.map((month) => history.quantities.get(month) as Decimal);
    const quantity = nextByTrend(quantities);
    const charges = await input.pricer.chargesFor(
      {
        versionId: history.lastVersionId,
        currency: history.currency,
        subscriptionId: history.subscriptionId,
        chargeId: history.chargeId,
      },
      history.meter,
      next.start,
    );
    const currency = currencyFor(history.currency);
    let amount: Decimal | null = null;
    for (const charge of charges) {
      // A percentage charge prices each transaction on its own: its fees follow the trend of the billed amounts.
      const price =
        charge.pricing.model === "percentage"
          ? nextByTrend(months.map((month) => history.amounts.get(month) as Decimal))
          : priceUsage(charge.pricing, { quantity, eventCount: 0 }).amount;
      amount = (amount ?? ZERO).plus(roundToMinorUnit(price, currency));
    }
    const forecast = forecastOf(history.customerId, history.currency);
    forecast.usage.push({
      meter: history.meter,
      charge_id: history.chargeId,
      history: months.map((month) => ({
        period: month,
        quantity: formatQuantity(history.quantities.get(month) as Decimal),
      })),
      forecast_quantity: formatQuantity(quantity),
      forecast_amount: amount === null ? null : formatAmount(amount, currency),
    });
    if (amount !== null) forecast.totalAmount = forecast.totalAmount.plus(amount);
  }
  return [...forecasts.values()]
    .map(({ totalAmount, ...forecast }) => ({
      ...forecast,
      total: formatAmount(totalAmount, currencyFor(forecast.currency)),
    }))
    .sort(
      (left, right) =>
        left.customer_id.localeCompare(right.customer_id) || left.currency.localeCompare(right.currency),
    );
}
