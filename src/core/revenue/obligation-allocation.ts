// ASC 606 step 4 (IFRS 15 §73–86): a contract's fixed transaction price
// allocated to its performance obligations in proportion to their standalone
// selling prices. An obligation without a configured standalone selling price
// takes its list price. Variable consideration (usage billed as used) is not
// part of the fixed price: it goes wholly to the obligation it pays for
// (606-10-32-40) and is recognized as used.
//
// Rounding rule: the transaction price is split in whole minor units by
// allocateAmount: each obligation gets its exact share rounded down, and the
// units left over go one by one to the largest remainders, ties to the
// obligation listed first. The allocations add up to the transaction price
// exactly. When every standalone selling price is zero, the split follows the
// contract prices instead (nothing else tells the obligations apart).
import { allocateAmount } from "../allocation.ts";
import type { Currency } from "../currency.ts";
import { type Decimal, sumDecimals, ZERO } from "../decimal.ts";
import { fitsMinorUnit } from "../money.ts";

export type ObligationPrice = {
  readonly id: string;
  /** What the contract charges for it (fixed consideration), in the currency's minor unit. */
  readonly contractPrice: Decimal;
  /** The list price of what it sells. */
  readonly listPrice: Decimal;
  /** Configured per product or charge; null: the list price stands in. */
  readonly standaloneSellingPrice: Decimal | null;
};

export type ObligationAllocation = {
  readonly id: string;
  readonly contractPrice: Decimal;
  /** The standalone selling price used: the configured one, or the list price. */
  readonly standaloneSellingPrice: Decimal;
  readonly standaloneSellingPriceSource: "configured" | "list_price";
  /** The part of the transaction price this obligation earns. */
  readonly allocated: Decimal;
  /** allocated − contractPrice: positive when the contract undercharges this obligation. */
  readonly reallocated: Decimal;
};

export type TransactionPriceAllocation = {
  readonly transactionPrice: Decimal;
  readonly obligations: readonly ObligationAllocation[];
};

export class InvalidObligationError extends Error {
  readonly obligationId: string;
  readonly field: "contractPrice" | "standaloneSellingPrice" | "listPrice";

  constructor(obligationId: string, field: InvalidObligationError["field"], message: string) {
    super(`Obligation ${obligationId}: ${field} ${message}`);
    this.obligationId = obligationId;
    this.field = field;
  }
}

function checkObligation(obligation: ObligationPrice, currency: Currency): void {
  if (obligation.contractPrice.isNegative()) {
    throw new InvalidObligationError(obligation.id, "contractPrice", "must not be negative");
  }
  if (!fitsMinorUnit(obligation.contractPrice, currency)) {
    throw new InvalidObligationError(
      obligation.id,
      "contractPrice",
      `has more digits than ${currency.code} allows`,
    );
  }
  if (obligation.listPrice.isNegative()) {
    throw new InvalidObligationError(obligation.id, "listPrice", "must not be negative");
  }
  if (obligation.standaloneSellingPrice?.isNegative()) {
    throw new InvalidObligationError(obligation.id, "standaloneSellingPrice", "must not be negative");
  }
}

/** The contract's fixed transaction price split over its obligations by relative standalone selling price. */
export function allocateTransactionPrice(
  obligations: readonly ObligationPrice[],
  currency: Currency,
): TransactionPriceAllocation {
  for (const obligation of obligations) checkObligation(obligation, currency);
  const transactionPrice = sumDecimals(obligations.map((obligation) => obligation.contractPrice));
  const standalone = obligations.map(
    (obligation) => obligation.standaloneSellingPrice ?? obligation.listPrice,
  );
  const weights = sumDecimals(standalone).isZero()
    ? obligations.map((obligation) => obligation.contractPrice)
    : standalone;
  const allocated = allocateAmount(transactionPrice, weights, currency);
  return {
    transactionPrice,
    obligations: obligations.map((obligation, index) => {
      const share = allocated[index] ?? ZERO;
      return {
        id: obligation.id,
        contractPrice: obligation.contractPrice,
        standaloneSellingPrice: standalone[index] as Decimal,
        standaloneSellingPriceSource:
          obligation.standaloneSellingPrice === null ? "list_price" : "configured",
        allocated: share,
        reallocated: share.minus(obligation.contractPrice),
      };
    }),
  };
}

/** An invoice line as revenue allocation sees it. */
export type InvoiceRevenueLine = {
  readonly amount: Decimal;
  /** A fixed fee: a performance obligation whose share follows standalone selling prices. */
  readonly fixedFee: boolean;
  /** The charge's list price per period, in the invoice's currency; null when unknown. */
  readonly listPrice: Decimal | null;
  readonly standaloneSellingPrice: Decimal | null;
};

/**
 * An invoice's revenue (net of discounts, credits and tax) split over its
 * lines: by amount first, which is how discounts and credits lower every line;
 * then, when any fixed fee has a standalone selling price, the fixed fees'
 * part is split again over them by relative standalone selling price. A fee's
 * weight is its standalone selling price scaled as its line scales the list
 * price (quantity, proration): amount × standalone ÷ list; a fee without one
 * weighs its amount. Usage lines (variable consideration) keep their share.
 */
export function allocateInvoiceRevenue(
  revenue: Decimal,
  lines: readonly InvoiceRevenueLine[],
  currency: Currency,
): Decimal[] {
  const byAmount = allocateAmount(
    revenue,
    lines.map((line) => line.amount),
    currency,
  );
  const fees = lines.flatMap((line, index) => (line.fixedFee ? [{ line, index }] : []));
  const priced = (line: InvoiceRevenueLine) =>
    line.standaloneSellingPrice !== null && line.listPrice?.greaterThan(ZERO) === true;
  if (!fees.some(({ line }) => priced(line))) return byAmount;
  const weights = fees.map(({ line }) =>
    priced(line)
      ? line.amount.times(line.standaloneSellingPrice as Decimal).dividedBy(line.listPrice as Decimal)
      : line.amount,
  );
  if (!sumDecimals(weights).greaterThan(ZERO)) return byAmount;
  const pool = sumDecimals(fees.map(({ index }) => byAmount[index] as Decimal));
  const shares = allocateAmount(pool, weights, currency);
  const result = [...byAmount];
  fees.forEach(({ index }, position) => {
    result[index] = shares[position] as Decimal;
  });
  return result;
}
