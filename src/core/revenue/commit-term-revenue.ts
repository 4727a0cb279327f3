// A prepaid commit's revenue term after term (ASC 606 step 5), with rollover:
// each term's pool is what it grants plus what the term before rolled into it,
// and its deferred value is the term's allocated price plus the value that
// rolled in with those units. Each draw releases pool value ÷ pool units per
// unit drawn, rounded on the running total (prepaidCreditReleases), and a draw
// a void gave back takes its release back at the void. When the
// term ends (the commit ledger closed it), what is left is split by units:
// the part that expires is breakage at the term's end, the part that rolls
// over stays deferred and joins the next term's pool, released as drawn there
// (never breakage of the term it came from). A term still open has no
// breakage yet: what is left stays deferred.
//
// Credit notes on the term's commit line (contract-credits.ts) take their
// fraction of the pool value off its releases and breakage, and off the value
// that rolls over, so what they reverse adds up to the credit.
import type { Currency } from "../currency.ts";
import { type Decimal, minDecimal, sumDecimals, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { roundToMinorUnit } from "../money.ts";
import { type ContractCredit, creditReversals } from "./contract-credits.ts";
import { type Draw, monthOf, type RevenueEntry } from "./obligation-schedule.ts";
import { prepaidCreditReleases } from "./prepaid-credit-releases.ts";

/** One term of one prepaid commit, as the commit ledger left it. */
export type CommitTermRevenueInput = {
  readonly obligationId: string;
  /** What the term grants (its face value). */
  readonly granted: Decimal;
  /** Units rolled over into it from the term before. */
  readonly rolledIn: Decimal;
  /** Its share of the transaction price. */
  readonly allocated: Decimal;
  /**
   * Its draws in time order, each positive, `at` the end of what it paid for;
   * a draw that `givesBack` is one a void gave back, at the void.
   */
  readonly draws: readonly (Draw & { readonly givesBack?: boolean })[];
  /** The term's end. */
  readonly expiresAt: Instant;
  /** Units that expired when the term ended; null while it is open. */
  readonly expired: Decimal | null;
  /** Credit notes on its commit line. */
  readonly credits: readonly ContractCredit[];
};

export type CommitTermRevenue = {
  readonly obligationId: string;
  /** Allocated plus the value rolled in. */
  readonly value: Decimal;
  /** The value carried into the next term with the units that rolled over. */
  readonly rolledOut: Decimal;
  readonly entries: readonly RevenueEntry[];
};

function releaseEntries(term: CommitTermRevenueInput, value: Decimal, currency: Currency, timeZone: string) {
  const pool = term.granted.plus(term.rolledIn);
  const drawn = sumDecimals(
    term.draws.map((draw) => (draw.givesBack === true ? draw.amount.negated() : draw.amount)),
  );
  if (drawn.greaterThan(pool)) {
    throw new RangeError(
      `Obligation ${term.obligationId}: draws of ${drawn.toFixed()} exceed the term's ${pool.toFixed()}; bill the rest as variable consideration`,
    );
  }
  const releases = prepaidCreditReleases({
    grantAmount: pool,
    deferredValue: value,
    movements: term.draws.map((draw) => ({ amount: draw.amount, givesBack: draw.givesBack === true })),
    currency,
  });
  const entries: RevenueEntry[] = term.draws.map((draw, index) => {
    const at = Math.min(draw.at, term.expiresAt);
    return {
      obligationId: term.obligationId,
      kind: "revenue",
      at,
      month: monthOf(at - 1, timeZone),
      amount: releases[index] ?? ZERO,
    };
  });
  return { pool, drawn, released: sumDecimals(releases), entries };
}

/** One term: its releases, its breakage once ended, what rolls on, and its credits' reversals. */
function termRevenue(
  term: CommitTermRevenueInput,
  rolledInValue: Decimal,
  currency: Currency,
  timeZone: string,
): CommitTermRevenue {
  const value = term.allocated.plus(rolledInValue);
  const { pool, drawn, released, entries } = releaseEntries(term, value, currency, timeZone);
  let rolledOut = ZERO;
  if (term.expired !== null) {
    const leftUnits = pool.minus(drawn);
    const leftValue = value.minus(released);
    const breakage = leftUnits.isZero()
      ? leftValue
      : roundToMinorUnit(leftValue.times(minDecimal(term.expired, leftUnits)).dividedBy(leftUnits), currency);
    rolledOut = leftValue.minus(breakage);
    if (!breakage.isZero()) {
      entries.push({
        obligationId: term.obligationId,
        kind: "breakage",
        at: term.expiresAt,
        month: monthOf(term.expiresAt - 1, timeZone),
        amount: breakage,
      });
    }
  }
  const reversals = term.credits.flatMap((credit) =>
    creditReversals({ credit, entries, value, currency, timeZone }),
  );
  if (term.expired !== null) {
    // What the credits did not take off the entries comes off the value that rolls over.
    const credited = sumDecimals(term.credits.map((credit) => credit.amount));
    rolledOut = rolledOut.minus(credited.plus(sumDecimals(reversals.map((reversal) => reversal.amount))));
  }
  return {
    obligationId: term.obligationId,
    value,
    rolledOut,
    entries: [...entries, ...reversals].filter((entry) => !entry.amount.isZero()),
  };
}

/** Every term of one commit, in time order, each taking the value the one before rolled over. */
export function commitTermsRevenue(input: {
  terms: readonly CommitTermRevenueInput[];
  currency: Currency;
  timeZone: string;
}): CommitTermRevenue[] {
  let rolledInValue = ZERO;
  return input.terms.map((term) => {
    const revenue = termRevenue(
      term,
      term.rolledIn.isZero() ? ZERO : rolledInValue,
      input.currency,
      input.timeZone,
    );
    rolledInValue = revenue.rolledOut;
    return revenue;
  });
}
