// A credit note's amounts, from the figures of the finalized invoice it
// corrects and of the credit notes already issued against it.
//
// What each line can give back is its share of what the invoice charged
// before tax (subtotal − discount − commits − credits, split over the
// positive lines in proportion to their amounts, to the minor unit), less
// what earlier credit notes gave back of it. The tax follows the engine's rule of rounding once
// per invoice (settleInvoice): it is worked out on the running total of
// everything credited so far, so that the tax of all credit notes never adds
// up to more than the invoice's tax, and the credit note that leaves nothing
// to credit takes exactly the tax that is left. A full credit note therefore
// comes to exactly what is left of the invoice's total, to the minor unit
// (billing rule 24).
import { allocateAmount } from "../allocation.ts";
import type { Currency } from "../currency.ts";
import { type Decimal, maxDecimal, minDecimal, ONE_HUNDRED, sumDecimals, ZERO } from "../decimal.ts";
import { formatAmount, roundToMinorUnit } from "../money.ts";
import type { TaxRate } from "./adjustments.ts";
import { applyToInvoice } from "./invoice-settlement.ts";

export type CreditableInvoice = {
  readonly currency: Currency;
  /** The invoice's lines in order; negative lines (proration credits) have nothing to credit. */
  readonly lines: readonly { readonly id: string; readonly amount: Decimal }[];
  readonly subtotal: Decimal;
  readonly discount: Decimal;
  /** Drawn from a contract's prepaid commits; absent when none were. */
  readonly commits?: Decimal;
  readonly credits: Decimal;
  readonly tax: Decimal;
  readonly total: Decimal;
  /** The rate the invoice's tax was computed at; absent when it has none. */
  readonly taxRate?: TaxRate;
  /** What the customer still owes on the invoice: a credit note reduces it first. */
  readonly amountRemaining: Decimal;
};

/** A line of a credit note already issued against the invoice. */
export type EarlierCreditNoteLine = {
  /** Null for a line that names no invoice line. */
  readonly invoiceLineId: string | null;
  /** Before tax (with an inclusive rate, the amount that holds the tax). */
  readonly amount: Decimal;
  readonly tax: Decimal;
};

export type CreditNoteRequest =
  | { readonly full: true }
  | { readonly lines: readonly { readonly invoiceLineId: string; readonly amount: Decimal }[] };

export type CreditNoteAmounts = {
  /** In the order requested (a full credit note: the invoice's order), each with its share of the tax. */
  readonly lines: readonly {
    readonly invoiceLineId: string;
    readonly amount: Decimal;
    readonly tax: Decimal;
  }[];
  /** The lines' amounts added up. */
  readonly subtotal: Decimal;
  readonly tax: Decimal;
  /** subtotal plus tax, or the subtotal alone with an inclusive tax rate. */
  readonly total: Decimal;
  /** The part of the total that reduces what the customer still owes on the invoice. */
  readonly appliedToInvoice: Decimal;
  /** The rest, owed to the customer. */
  readonly creditedToBalance: Decimal;
};

export type CreditNoteRefusal = { readonly path: string; readonly message: string };

export type CreditNoteOutcome =
  | { readonly ok: true; readonly creditNote: CreditNoteAmounts }
  /** Bad request: each refusal names the field (`$.lines[0].amount`). */
  | { readonly ok: false; readonly reason: "invalid"; readonly refusals: readonly CreditNoteRefusal[] }
  | { readonly ok: false; readonly reason: "nothing_to_credit" };

/** What the invoice charged before tax: its subtotal less its discount, its commits' draws and its credits. */
function chargedBeforeTax(invoice: CreditableInvoice): Decimal {
  return invoice.subtotal
    .minus(invoice.discount)
    .minus(invoice.commits ?? ZERO)
    .minus(invoice.credits);
}

/**
 * What each invoice line can be credited in all, before any credit note:
 * the invoice's amount before tax split over its positive lines.
 */
export function creditableByLine(invoice: CreditableInvoice): Map<string, Decimal> {
  const net = chargedBeforeTax(invoice);
  const positive = invoice.lines.filter((line) => line.amount.greaterThan(ZERO));
  const shares =
    net.greaterThan(ZERO) && positive.length > 0
      ? allocateAmount(
          net,
          positive.map((line) => line.amount),
          invoice.currency,
        )
      : [];
  const creditable = new Map<string, Decimal>(invoice.lines.map((line) => [line.id, ZERO]));
  positive.forEach((line, index) => {
    creditable.set(line.id, (creditable.get(line.id) ?? ZERO).plus(shares[index] ?? ZERO));
  });
  return creditable;
}

/** The tax of `amount` credited at the invoice's rate: added on top, or the part of it that is tax (billing rule 23). */
function taxAtRate(amount: Decimal, invoice: CreditableInvoice): Decimal {
  if (invoice.taxRate === undefined) return ZERO;
  const { percent, inclusive = false } = invoice.taxRate;
  const divisor = inclusive ? ONE_HUNDRED.plus(percent) : ONE_HUNDRED;
  return roundToMinorUnit(amount.times(percent).dividedBy(divisor), invoice.currency);
}

/** The credit note `request` asks for against `invoice`, or why it cannot be issued. */
export function computeCreditNote(
  invoice: CreditableInvoice,
  earlier: readonly EarlierCreditNoteLine[],
  request: CreditNoteRequest,
): CreditNoteOutcome {
  const { currency } = invoice;
  const money = (amount: Decimal) => formatAmount(maxDecimal(ZERO, amount), currency);
  const inclusive = invoice.taxRate?.inclusive === true;

  // What is left to credit of each line, net of earlier credit notes.
  const left = creditableByLine(invoice);
  for (const line of earlier) {
    if (line.invoiceLineId === null || !left.has(line.invoiceLineId)) continue;
    left.set(line.invoiceLineId, (left.get(line.invoiceLineId) ?? ZERO).minus(line.amount));
  }
  for (const [id, amount] of left) left.set(id, maxDecimal(ZERO, amount));
  const creditedBefore = sumDecimals(earlier.map((line) => line.amount));
  const taxCreditedBefore = sumDecimals(earlier.map((line) => line.tax));
  const totalCreditedBefore = inclusive ? creditedBefore : creditedBefore.plus(taxCreditedBefore);

  let lines: { invoiceLineId: string; amount: Decimal }[];
  if ("full" in request) {
    const open = invoice.lines
      .map((line) => ({ invoiceLineId: line.id, amount: left.get(line.id) ?? ZERO }))
      .filter((line) => line.amount.greaterThan(ZERO));
    // Earlier credit notes worked out otherwise may leave the lines more than the invoice has left.
    const netLeft = chargedBeforeTax(invoice).minus(creditedBefore);
    const openTotal = sumDecimals(open.map((line) => line.amount));
    const amounts = openTotal.greaterThan(netLeft)
      ? allocateAmount(
          maxDecimal(ZERO, netLeft),
          open.map((line) => line.amount),
          currency,
        )
      : open.map((line) => line.amount);
    lines = open
      .map((line, index) => ({ ...line, amount: amounts[index] ?? ZERO }))
      .filter((line) => line.amount.greaterThan(ZERO));
    if (lines.length === 0) return { ok: false, reason: "nothing_to_credit" };
  } else {
    if (request.lines.length === 0) {
      return {
        ok: false,
        reason: "invalid",
        refusals: [{ path: "$.lines", message: "give at least one line" }],
      };
    }
    const refusals: CreditNoteRefusal[] = [];
    const requested = new Map<string, Decimal>();
    request.lines.forEach((line, index) => {
      const path = `$.lines[${index}]`;
      const leftOfLine = left.get(line.invoiceLineId);
      if (leftOfLine === undefined) {
        refusals.push({ path: `${path}.invoice_line_id`, message: "is not a line of this invoice" });
        return;
      }
      // A line named twice in one credit note has only what is left of it once.
      const available = leftOfLine.minus(requested.get(line.invoiceLineId) ?? ZERO);
      if (line.amount.greaterThan(available)) {
        refusals.push({
          path: `${path}.amount`,
          message: `is more than the ${money(available)} of this line left to credit`,
        });
        return;
      }
      if (!line.amount.greaterThan(ZERO) || !roundToMinorUnit(line.amount, currency).equals(line.amount)) {
        refusals.push({
          path: `${path}.amount`,
          message: `must be positive with at most ${currency.minorDigits} decimals`,
        });
        return;
      }
      requested.set(line.invoiceLineId, (requested.get(line.invoiceLineId) ?? ZERO).plus(line.amount));
    });
    if (refusals.length > 0) return { ok: false, reason: "invalid", refusals };
    lines = request.lines.map((line) => ({ invoiceLineId: line.invoiceLineId, amount: line.amount }));
    for (const [id, amount] of requested) left.set(id, (left.get(id) ?? ZERO).minus(amount));
  }

  const subtotal = sumDecimals(lines.map((line) => line.amount));
  const taxLeft = maxDecimal(ZERO, invoice.tax.minus(taxCreditedBefore));
  // The credit note that leaves nothing on any line takes all the tax that is left; any other the tax
  // of everything credited so far, less the tax already credited, never more than is left.
  const completes = "full" in request || [...left.values()].every((amount) => amount.isZero());
  const tax = completes
    ? taxLeft
    : minDecimal(
        taxLeft,
        maxDecimal(ZERO, taxAtRate(creditedBefore.plus(subtotal), invoice).minus(taxCreditedBefore)),
      );
  const total = inclusive ? subtotal : subtotal.plus(tax);

  const totalLeft = invoice.total.minus(totalCreditedBefore);
  if (total.greaterThan(totalLeft)) {
    return {
      ok: false,
      reason: "invalid",
      refusals: [
        {
          path: "full" in request ? "$.full" : "$.lines",
          message: `credit ${money(total)} more than the ${money(totalLeft)} left on the invoice`,
        },
      ],
    };
  }

  const taxes = allocateAmount(
    tax,
    lines.map((line) => line.amount),
    currency,
  );
  const { applied, leftOver } = applyToInvoice(total, invoice.amountRemaining);
  return {
    ok: true,
    creditNote: {
      lines: lines.map((line, index) => ({ ...line, tax: taxes[index] ?? ZERO })),
      subtotal,
      tax,
      total,
      appliedToInvoice: applied,
      creditedToBalance: leftOver,
    },
  };
}
