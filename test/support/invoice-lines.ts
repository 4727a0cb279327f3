// Invoice lines as the billing engine writes them, for tests that feed the
// engine's settlement (totals, coupons, credits) lines of known amounts.
import { Decimal, type InvoiceLine, type ProrationFactor, WHOLE_PERIOD } from "../../src/core/index.ts";

/** A fixed in-advance line of `amount`, unprorated unless told; charge `base` of plan `plan` by default. */
export function fixedInvoiceLine(
  amount: string,
  options: {
    charge?: string;
    planCode?: string;
    kind?: InvoiceLine["kind"];
    periodStart?: number;
    periodEnd?: number;
    proration?: ProrationFactor;
  } = {},
): InvoiceLine {
  const value = new Decimal(amount);
  return {
    charge: options.charge ?? "base",
    kind: options.kind ?? "fixed",
    periodStart: options.periodStart ?? 0,
    periodEnd: options.periodEnd ?? 0,
    quantity: new Decimal(1),
    amount: value,
    details: {
      kind: "fixed",
      planCode: options.planCode ?? "plan",
      timing: "in_advance",
      fullAmount: value,
      proration: options.proration ?? WHOLE_PERIOD,
    },
  };
}
