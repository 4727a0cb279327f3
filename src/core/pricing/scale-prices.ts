// Every price of a charge scaled by one factor: a customer's percentage
// discount on a charge (subscriptions' price overrides). Each model's amount
// is a sum of prices times quantities, so scaling every price scales the
// amount by the same factor.
import type { Charge, PricingModel } from "../catalog.ts";
import type { Decimal } from "../decimal.ts";

/** Every price of a pricing model multiplied by `factor`. */
export function scalePricing(pricing: PricingModel, factor: Decimal): PricingModel {
  switch (pricing.model) {
    case "per_unit":
      return { ...pricing, unitPrice: pricing.unitPrice.times(factor) };
    case "package":
      return { ...pricing, packagePrice: pricing.packagePrice.times(factor) };
    case "graduated":
    case "volume":
      return {
        ...pricing,
        tiers: pricing.tiers.map((tier) => ({
          ...tier,
          unitPrice: tier.unitPrice.times(factor),
          flatFee: tier.flatFee.times(factor),
        })),
      };
    case "percentage":
      return {
        ...pricing,
        rate: pricing.rate.times(factor),
        fixedFee: pricing.fixedFee.times(factor),
        ...(pricing.perTransactionMin === undefined
          ? {}
          : { perTransactionMin: pricing.perTransactionMin.times(factor) }),
        ...(pricing.perTransactionMax === undefined
          ? {}
          : { perTransactionMax: pricing.perTransactionMax.times(factor) }),
      };
  }
}

/** The charge with every one of its prices multiplied by `factor`. */
export function scaleChargePrices(charge: Charge, factor: Decimal): Charge {
  if (charge.type === "fixed") return { ...charge, amount: charge.amount.times(factor) };
  return { ...charge, pricing: scalePricing(charge.pricing, factor) };
}
