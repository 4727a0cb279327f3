// Prices a usage charge from its window's aggregate: the one entry point for
// every usage model, so that the invoice builder does not care which it is.
import type { PercentagePricing, PricingModel } from "../catalog.ts";
import type { Currency } from "../currency.ts";
import type { Decimal } from "../decimal.ts";
import { roundToMinorUnit } from "../money.ts";
import type { UsageAggregate } from "../usage/usage-windows.ts";
import { priceQuantity, type QuantityPriceBreakdown } from "./quantity-pricing.ts";

export type PercentagePriceBreakdown = {
  readonly model: "percentage";
  readonly rate: Decimal;
  readonly fixedFee: Decimal;
  readonly perTransactionMin?: Decimal;
  readonly perTransactionMax?: Decimal;
  readonly transactions: number;
};

export type PriceBreakdown = QuantityPriceBreakdown | PercentagePriceBreakdown;

export type UsagePrice = {
  /** Exact amount, not yet rounded to the currency. */
  readonly amount: Decimal;
  readonly breakdown: PriceBreakdown;
};

function pricePercentage(pricing: PercentagePricing, aggregate: UsageAggregate): UsagePrice {
  if (aggregate.transactionFees === undefined) {
    throw new Error("a percentage charge is priced from its transaction fees, which the aggregate lacks");
  }
  const { model, rate, fixedFee, perTransactionMin, perTransactionMax } = pricing;
  return {
    amount: aggregate.transactionFees,
    breakdown: {
      model,
      rate,
      fixedFee,
      ...(perTransactionMin === undefined ? {} : { perTransactionMin }),
      ...(perTransactionMax === undefined ? {} : { perTransactionMax }),
      transactions: aggregate.eventCount,
    },
  };
}

export function priceUsage(pricing: PricingModel, aggregate: UsageAggregate): UsagePrice {
  return pricing.model === "percentage"
    ? pricePercentage(pricing, aggregate)
    : priceQuantity(pricing, aggregate.quantity);
}

/**
 * What a usage charge bills for an aggregate, as its invoice line does: the
 * exact price rounded once to the currency's minor unit.
 */
export function usageChargeAmount(
  pricing: PricingModel,
  aggregate: UsageAggregate,
  currency: Currency,
): Decimal {
  return roundToMinorUnit(priceUsage(pricing, aggregate).amount, currency);
}
