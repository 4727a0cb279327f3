// The kinds of price override a charge takes, and an override in words
// ("Unit price $0.0015", "20% off", tiers line by line).

import type { Charge, OverrideType, PriceOverrideDocument } from "../../api/resources.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { priceFieldsOfCharge } from "../catalog/charge-models.ts";
import { tierLines } from "../catalog/version-content-text.ts";

export const overrideLabels: Record<OverrideType, string> = {
  unit_price: "Unit price",
  package_price: "Package price",
  tiers: "Tiers",
  amount: "Amount",
  rate: "Rate",
  percentage_discount: "Percentage discount",
};

/** The override types that fit a charge: those of its model's prices that can be overridden, or a discount. */
export function overrideTypesFor(charge: Charge | undefined): OverrideType[] {
  if (charge === undefined) return [];
  const ownPrices = priceFieldsOfCharge(charge).filter((field) => Object.hasOwn(overrideLabels, field));
  return [...(ownPrices as OverrideType[]), "percentage_discount"];
}

/** "Unit price $0.0015", "20% off", or the tiers in words. */
export function describeOverride(
  override: PriceOverrideDocument,
  currency: string | null,
  locale?: string,
): string {
  const money = (amount: string) => (currency ? formatMoney(amount, currency, locale) : amount);
  switch (override.type) {
    case "percentage_discount":
      return `${formatQuantity(override.percent ?? "0", locale)}% off`;
    case "rate":
      return `Rate ${formatQuantity(override.rate ?? "0", locale)}%`;
    case "tiers":
      return `Tiers: ${currency ? tierLines(override.tiers ?? [], currency, locale).join("; ") : JSON.stringify(override.tiers)}`;
    default: {
      const amount = override[override.type] ?? "0";
      return `${overrideLabels[override.type]} ${money(amount)}`;
    }
  }
}
