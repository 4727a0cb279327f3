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

export type RefundSources = {
  /**
   * What the invoice's payments (their overpayments) and credit notes put on
   * the customer balance, less what earlier refunds took back from it.
   */
  readonly heldOnBalance: Decimal;
  /** The customer balance now, in the refund's currency. */
  readonly customerBalance: Decimal;
  /** What the invoice has been paid (its amount paid). */
  readonly amountPaid: Decimal;
};

export type RefundSplit =
  | { readonly ok: true; readonly fromBalance: Decimal; readonly fromInvoice: Decimal }
  | { readonly ok: false; readonly available: Decimal };

/**
 * Where a refund of `amount` comes from: first the customer balance, as far
 * as it still holds what the invoice put there (an overpayment, or a credit
 * note's excess over what the invoice still owed), then what was paid on the
 * invoice. Refused, with what can be given back now, when the invoice has not
 * been paid the rest.
 */
export function splitRefund(amount: Decimal, sources: RefundSources): RefundSplit {
  const fromBalance = maxDecimal(
    ZERO,
    minDecimal(amount, minDecimal(sources.heldOnBalance, sources.customerBalance)),
  );
  const fromInvoice = amount.minus(fromBalance);
  if (fromInvoice.greaterThan(sources.amountPaid)) {
    return { ok: false, available: fromBalance.plus(maxDecimal(ZERO, sources.amountPaid)) };
  }
  return { ok: true, fromBalance, fromInvoice };
}
