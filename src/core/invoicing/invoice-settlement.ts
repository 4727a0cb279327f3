// What the customer still owes on a finalized invoice as payments and credit
// notes arrive, and how a payment or a credit note is split between the
// invoice and the customer's balance. The live service stores the three
// figures on the invoice; finance recomputes them as of any date.
import { type Decimal, maxDecimal, minDecimal, ZERO } from "../decimal.ts";

export type InvoiceSettlement = {
  /** The invoice's total less the customer balance it used. */
  readonly amountDue: Decimal;
  readonly amountPaid: Decimal;
  /** What credit notes took off the invoice (not what they credited to the customer's balance). */
  readonly amountCredited: Decimal;
};

/** Amount due less payments and credit notes, never below zero. */
export function invoiceAmountRemaining(settlement: InvoiceSettlement): Decimal {
  return maxDecimal(ZERO, settlement.amountDue.minus(settlement.amountPaid).minus(settlement.amountCredited));
}

/**
 * A payment or a credit note of `amount` against an invoice with `remaining`
 * left to pay: it settles up to what remains, and the rest is left over (for
 * the customer's balance).
 */
export function applyToInvoice(amount: Decimal, remaining: Decimal): { applied: Decimal; leftOver: Decimal } {
  const applied = maxDecimal(ZERO, minDecimal(amount, remaining));
  return { applied, leftOver: amount.minus(applied) };
}
