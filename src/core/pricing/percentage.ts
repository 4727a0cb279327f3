// The percentage model: a fee per transaction, summed over the period and
// rounded once by the invoice line.
import type { PercentagePricing } from "../catalog.ts";
import { type Decimal, maxDecimal, minDecimal, ONE_HUNDRED } from "../decimal.ts";

/** `value × rate / 100 + fixedFee`, clamped to [perTransactionMin, perTransactionMax] where given. Exact. */
export function transactionFee(value: Decimal, pricing: PercentagePricing): Decimal {
  let fee = value.times(pricing.rate).dividedBy(ONE_HUNDRED).plus(pricing.fixedFee);
  if (pricing.perTransactionMin !== undefined) fee = maxDecimal(fee, pricing.perTransactionMin);
  if (pricing.perTransactionMax !== undefined) fee = minDecimal(fee, pricing.perTransactionMax);
  return fee;
}
