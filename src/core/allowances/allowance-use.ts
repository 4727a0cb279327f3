// How much of a period's allowance is used, in percent: what an allowance
// alert compares with its threshold. The units available are those granted
// for the period and those rolled over into it.
import { Decimal } from "../decimal.ts";

/**
 * used ÷ (granted + rolled over) × 100, rounded to two decimals (half up);
 * null when the period has no units to use.
 */
export function allowanceUsedPercent(allowance: {
  readonly granted: Decimal;
  readonly rolledOver: Decimal;
  readonly used: Decimal;
}): Decimal | null {
  const available = allowance.granted.plus(allowance.rolledOver);
  if (!available.greaterThan(0)) return null;
  return allowance.used.times(100).dividedBy(available).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
