// Amounts shown in a reporting currency: exchange rates by date, the rate in
// force on a date, and conversions that keep a journal entry balanced. A rate
// is in force from its date until the next rate of the same pair; before the
// first there is none, and the caller says so rather than guess. Invoices
// never convert: they stay in the customer's currency.
import { allocateAmount } from "./allocation.ts";
import type { Currency } from "./currency.ts";
import { Decimal, sumDecimals } from "./decimal.ts";
import { roundToMinorUnit } from "./money.ts";

/** One unit of `base` is worth `rate` units of `quote` from `date` (YYYY-MM-DD) on. */
export type ExchangeRate = {
  readonly base: string;
  readonly quote: string;
  readonly date: string;
  readonly rate: Decimal;
};

/** The rate that converts `from` into `to` on a date, and where it came from. */
export type RateInForce = {
  readonly from: string;
  readonly to: string;
  /** The date the converted amount belongs to. */
  readonly on: string;
  readonly rate: Decimal;
  /** The stored rate used: the pair itself, or its inverse (1 ÷ rate). */
  readonly source: ExchangeRate | null;
  readonly inverted: boolean;
};

function latestOnOrBefore(rates: readonly ExchangeRate[], base: string, quote: string, on: string) {
  let best: ExchangeRate | undefined;
  for (const rate of rates) {
    if (rate.base !== base || rate.quote !== quote || rate.date > on) continue;
    if (best === undefined || rate.date > best.date) best = rate;
  }
  return best;
}

/**
 * The rate converting `from` into `to` on `on`: 1 for the same currency; else
 * the pair's latest rate dated on or before `on`, or the inverse pair's when
 * only it is stored (the more recent wins). Undefined when no rate covers it.
 */
export function rateInForce(
  rates: readonly ExchangeRate[],
  from: string,
  to: string,
  on: string,
): RateInForce | undefined {
  if (from === to) return { from, to, on, rate: new Decimal(1), source: null, inverted: false };
  const direct = latestOnOrBefore(rates, from, to, on);
  const inverse = latestOnOrBefore(rates, to, from, on);
  if (direct !== undefined && (inverse === undefined || direct.date >= inverse.date)) {
    return { from, to, on, rate: direct.rate, source: direct, inverted: false };
  }
  if (inverse === undefined || inverse.rate.isZero()) return undefined;
  return { from, to, on, rate: new Decimal(1).dividedBy(inverse.rate), source: inverse, inverted: true };
}

/** The dates `from` up to `until` (excluded; null: no end), YYYY-MM-DD. */
export type DateRange = { readonly from: string; readonly until: string | null };

/**
 * The dates on which storing `rate` (in place of its pair's rate of the same
 * date, if any) would change a rate already in force for its pair, in either
 * direction: from its date up to the next rate of the pair or of its inverse.
 * Null when it changes none: no rate was in force on its date yet (nothing
 * could have been converted then), or the same rate was.
 */
export function datesRepricedBy(rates: readonly ExchangeRate[], rate: ExchangeRate): DateRange | null {
  const samePair = (other: ExchangeRate) =>
    (other.base === rate.base && other.quote === rate.quote) ||
    (other.base === rate.quote && other.quote === rate.base);
  const others = rates.filter(
    (other) => !(other.base === rate.base && other.quote === rate.quote && other.date === rate.date),
  );
  const after = [...others, rate];
  const unchanged = [
    [rate.base, rate.quote],
    [rate.quote, rate.base],
  ].every(([from = "", to = ""]) => {
    const before = rateInForce(rates, from, to, rate.date);
    return before === undefined || before.rate.equals(rateInForce(after, from, to, rate.date)?.rate ?? 0);
  });
  if (unchanged) return null;
  // Until the next rate of the pair or its inverse, the one in force on its date stays in force.
  const next = others
    .filter((other) => samePair(other) && other.date > rate.date)
    .reduce<string | null>(
      (first, other) => (first === null || other.date < first ? other.date : first),
      null,
    );
  return { from: rate.date, until: next };
}

/** `amount` at `rate`, rounded once to the target currency's minor unit. */
export function convertAmount(amount: Decimal, rate: Decimal, target: Currency): Decimal {
  return roundToMinorUnit(amount.times(rate), target);
}

/**
 * An entry's debits and credits converted at one rate so that a balanced
 * entry stays balanced: its debits' total and its credits' total are each
 * converted once (equal totals stay equal), then split over the lines by
 * allocateAmount (whole minor units, largest remainders). Converting each
 * line on its own could leave a cent between debits and credits.
 */
export function convertBalancedEntry(
  lines: readonly { readonly debit: Decimal; readonly credit: Decimal }[],
  rate: Decimal,
  target: Currency,
): { debit: Decimal; credit: Decimal }[] {
  const side = (amounts: Decimal[]) =>
    allocateAmount(convertAmount(sumDecimals(amounts), rate, target), amounts, target);
  const debits = side(lines.map((line) => line.debit));
  const credits = side(lines.map((line) => line.credit));
  return lines.map((_, index) => ({ debit: debits[index] as Decimal, credit: credits[index] as Decimal }));
}
