// A coupon's discount and duration in words: "20% off, for 3 invoices",
// "$10.00 off each invoice, once".

import type { Coupon } from "../../api/resources.ts";
import { formatMoney, formatQuantity } from "../../format/decimal-format.ts";

export function discountText(
  coupon: Pick<Coupon, "type" | "percent" | "amount" | "currency">,
  locale?: string,
): string {
  if (coupon.type === "percentage") return `${formatQuantity(coupon.percent ?? "0", locale)}% off`;
  return `${coupon.currency ? formatMoney(coupon.amount ?? "0", coupon.currency, locale) : (coupon.amount ?? "0")} off`;
}

export function durationText(coupon: Pick<Coupon, "duration" | "duration_invoices">): string {
  switch (coupon.duration) {
    case "once":
      return "the first invoice";
    case "forever":
      return "every invoice";
    case "repeating":
      return coupon.duration_invoices === 1 ? "1 invoice" : `${coupon.duration_invoices ?? "?"} invoices`;
  }
}
