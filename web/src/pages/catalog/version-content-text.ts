// A plan version's prices in words, for people who read a plan rather than
// edit it: "$49.00 per period, billed in advance, prorated", "over 100 up to
// 1,000 units: $0.08 per unit + $5.00 flat". Amounts are formatted from their
// decimal strings in the currency and locale, never through a float.

import type { Charge, ChargePrices, PlanInterval, Quantity, Tier } from "../../api/resources.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";
import { modelViewOf } from "./charge-models.ts";

const intervalNames: Record<PlanInterval, [string, string]> = {
  day: ["day", "days"],
  week: ["week", "weeks"],
  month: ["month", "months"],
  quarter: ["quarter", "quarters"],
  year: ["year", "years"],
};

/** "every month", "every 3 months". */
export function periodText(interval: PlanInterval, count: number): string {
  const [one, many] = intervalNames[interval];
  return count === 1 ? `every ${one}` : `every ${count} ${many}`;
}

function quantity(value: Quantity, locale?: string): string {
  return formatQuantity(String(value), locale);
}

/** Each tier's range of units: "up to 100", "over 100 up to 1,000", "over 1,000". */
export function tierRanges(tiers: readonly Tier[], locale?: string): string[] {
  return tiers.map((tier, index) => {
    const previous = index === 0 ? null : tiers[index - 1]!.up_to;
    if (previous === null)
      return tier.up_to === null ? "every unit" : `up to ${quantity(tier.up_to, locale)}`;
    if (tier.up_to === null) return `over ${quantity(previous, locale)}`;
    return `over ${quantity(previous, locale)} up to ${quantity(tier.up_to, locale)}`;
  });
}

/** One line per tier: "over 100 up to 1,000 units: $0.08 per unit + $5.00 flat". */
export function tierLines(tiers: readonly Tier[], currency: string, locale?: string): string[] {
  const ranges = tierRanges(tiers, locale);
  return tiers.map((tier, index) => {
    const flat = tier.flat_fee === undefined ? "" : ` + ${formatMoney(tier.flat_fee, currency, locale)} flat`;
    return `${ranges[index]} units: ${formatMoney(tier.unit_price, currency, locale)} per unit${flat}`;
  });
}

/** The price of a charge (with a price book's prices when given) in one line; tiers are listed apart. */
export function chargePriceText(
  charge: Charge,
  prices: ChargePrices,
  currency: string,
  locale?: string,
): string {
  const money = (amount: string) => formatMoney(amount, currency, locale);
  if (charge.type === "fixed") {
    const timing = charge.timing === "in_arrears" ? "billed in arrears" : "billed in advance";
    const proration = charge.prorate === false ? "not prorated" : "prorated";
    return `${money(prices.amount ?? "0")} per period, ${timing}, ${proration}`;
  }
  return modelViewOf(charge).priceText(charge, prices, {
    money,
    quantity: (value) => quantity(value, locale),
  });
}

export function chargeKindText(charge: Charge): string {
  if (charge.type === "fixed") return "Fixed fee";
  const model = charge.model ?? "per_unit";
  return `Usage of ${charge.meter ?? "a meter"}, ${model.replace("_", " ")}`;
}
