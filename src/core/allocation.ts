// Splitting an amount in a currency's minor units over weights so that the
// pieces add up to the amount exactly: each piece is rounded down in minor
// units, and the units left over go one by one to the pieces with the largest
// remainders (ties to the earliest). A credit note's share of each invoice
// line and its tax per line, revenue schedules, an invoice's revenue over its
// lines and a credit note's reversal over the entries it undoes are all split
// this way, which is what keeps credit notes and journals exact to the cent.
import type { Currency } from "./currency.ts";
import { Decimal, sumDecimals, ZERO } from "./decimal.ts";

/**
 * `total` split in proportion to `weights` (which may be negative, but not
 * add up to zero unless `total` is zero too). With no weight or weights adding
 * up to zero, the whole amount goes to the first piece. `total` must be a
 * whole number of the currency's minor unit.
 */
export function allocateAmount(total: Decimal, weights: readonly Decimal[], currency: Currency): Decimal[] {
  if (weights.length === 0) return [];
  const sum = sumDecimals(weights);
  if (sum.isZero()) return weights.map((_, index) => (index === 0 ? total : ZERO));
  const unit = new Decimal(1).dividedBy(new Decimal(10).pow(currency.minorDigits));
  const units = total.dividedBy(unit);
  if (!units.isInteger()) throw new Error(`${total.toFixed()} has more digits than ${currency.code} allows`);
  const exact = weights.map((weight) => units.times(weight).dividedBy(sum));
  const floors = exact.map((share) => share.floor());
  let left = units.minus(sumDecimals(floors)).toNumber();
  const order = exact
    .map((share, index) => ({ index, remainder: share.minus(floors[index] as Decimal) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  const pieces = [...floors];
  for (const { index } of order) {
    if (left <= 0) break;
    pieces[index] = (pieces[index] as Decimal).plus(1);
    left -= 1;
  }
  return pieces.map((piece) => {
    const amount = piece.times(unit);
    return amount.isZero() ? ZERO : amount;
  });
}
