// The lines of a one-off invoice, written by hand (or by a credit purchase)
// outside any subscription: each is a quantity at a unit amount, rounded once
// to the currency's minor unit, and to the engine's totals a whole fixed
// amount billed at the issue instant.
import type { Currency } from "../currency.ts";
import { type Decimal, ONE } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { roundToMinorUnit } from "../money.ts";
import { WHOLE_PERIOD } from "../proration.ts";
import type { InvoiceLine } from "./invoice-line.ts";

export type OneOffLinePrice = { readonly quantity: Decimal; readonly unitAmount: Decimal };

/**
 * The engine's lines for one-off lines, in order, or refusals naming each
 * line (`$.lines[1]`) whose amount is not zero but rounds to zero in the currency.
 */
export function priceOneOffLines(
  lines: readonly OneOffLinePrice[],
  currency: Currency,
  issuedAt: Instant,
): { ok: true; lines: InvoiceLine[] } | { ok: false; refusals: { path: string; message: string }[] } {
  const refusals: { path: string; message: string }[] = [];
  const priced = lines.map((line, index): InvoiceLine => {
    const exact = line.quantity.times(line.unitAmount);
    const amount = roundToMinorUnit(exact, currency);
    if (amount.isZero() && !exact.isZero()) {
      refusals.push({ path: `$.lines[${index}]`, message: "rounds to zero in the currency" });
    }
    return {
      charge: `line_${index + 1}`,
      kind: "fixed",
      periodStart: issuedAt,
      periodEnd: issuedAt,
      quantity: ONE,
      amount,
      details: {
        kind: "fixed",
        planCode: "",
        timing: "in_advance",
        fullAmount: amount,
        proration: WHOLE_PERIOD,
      },
    };
  });
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, lines: priced };
}
