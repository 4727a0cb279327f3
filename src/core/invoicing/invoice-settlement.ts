// What the customer still owes on a finalized invoice as payments and credit
// notes arrive, and how a payment or a credit note is split between the
// invoice and the customer's balance; how money given back (a refund) or taken
// back (a dispute lost) is split between the balance, the invoice and a loss.
// The live service stores the three figures on the invoice; finance
// recomputes them as of any date.
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
  const fromBalance = takenFromBalance(amount, sources);
  const fromInvoice = amount.minus(fromBalance);
  if (fromInvoice.greaterThan(sources.amountPaid)) {
    return { ok: false, available: fromBalance.plus(maxDecimal(ZERO, sources.amountPaid)) };
  }
  return { ok: true, fromBalance, fromInvoice };
}

/** What the customer balance gives back first: what the invoice put there, as far as the balance still holds it. */
function takenFromBalance(
  amount: Decimal,
  sources: Pick<RefundSources, "heldOnBalance" | "customerBalance">,
): Decimal {
  return maxDecimal(ZERO, minDecimal(amount, minDecimal(sources.heldOnBalance, sources.customerBalance)));
}

export type ProviderRefundSplit = {
  readonly fromBalance: Decimal;
  /** Off the invoice's amount paid; beyond it (below zero) when the invoice can be owed again. */
  readonly fromInvoice: Decimal;
  /** What nothing covers and no invoice can be owed again: a loss. */
  readonly lost: Decimal;
};

/**
 * Where a refund the provider has already made comes from: never refused,
 * since the money has left (billing rule 29). The balance first, as
 * splitRefund; the rest comes off the invoice's amount paid, also beyond it
 * when the invoice can be owed again (finalized, not void, in the refund's
 * currency: the refund gave back what its overpayment paid of later invoices,
 * which the invoice now owes). What is left when it cannot is lost.
 */
export function splitProviderRefund(
  amount: Decimal,
  sources: RefundSources & { readonly invoiceOwesAgain: boolean },
): ProviderRefundSplit {
  const fromBalance = takenFromBalance(amount, sources);
  const rest = amount.minus(fromBalance);
  const fromInvoice = sources.invoiceOwesAgain
    ? rest
    : minDecimal(rest, maxDecimal(ZERO, sources.amountPaid));
  return { fromBalance, fromInvoice, lost: rest.minus(fromInvoice) };
}

export type LostDisputeSplit = { readonly fromBalance: Decimal; readonly lost: Decimal };

/**
 * A dispute of `amount` lost: the customer's bank took the money back. What
 * the payment's invoice put on the customer balance and the balance still
 * holds is taken back from it (the customer does not keep both); the rest is
 * the seller's loss, and the invoice stays as it was paid (billing rule 30).
 */
export function splitLostDispute(
  amount: Decimal,
  sources: Pick<RefundSources, "heldOnBalance" | "customerBalance">,
): LostDisputeSplit {
  const fromBalance = takenFromBalance(amount, sources);
  return { fromBalance, lost: amount.minus(fromBalance) };
}
