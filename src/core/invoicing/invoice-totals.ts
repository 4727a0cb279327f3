// From an invoice's lines to what the customer owes, in the order the billing
// rules fix: subtotal, discounts, credits, tax, total, customer balance. A pure
// step from one account state to the next, so that a bill run can settle one
// invoice at a time and a simulation can fold over many.
import {
  type CommitDraw,
  type CommitLedger,
  type ContractBilling,
  drawCommits,
  openingCommitLedger,
} from "../contracts/commit-ledger.ts";
import type { Currency } from "../currency.ts";
import { type Decimal, maxDecimal, minDecimal, ONE_HUNDRED, sumDecimals, ZERO } from "../decimal.ts";
import type { Instant } from "../instant.ts";
import { roundToMinorUnit } from "../money.ts";
import type { Coupon, CreditGrant, TaxRate } from "./adjustments.ts";
import { type InvoiceLine, PROGRESSIVE_BILLING_CREDIT } from "./invoice-line.ts";

/** A plan's allowance of a pricing unit over the period an invoice closes (scenario format v2, V25). */
export type AllowanceSummary = {
  readonly unit: string;
  /** Digits the unit's amounts are printed with. */
  readonly decimals: number;
  readonly granted: Decimal;
  readonly rolledOver: Decimal;
  readonly used: Decimal;
  readonly expired: Decimal;
  readonly balance: Decimal;
};

export type Invoice = {
  readonly issuedAt: Instant;
  readonly currency: Currency;
  readonly lines: readonly InvoiceLine[];
  /** Sum of the lines, each already rounded. */
  readonly subtotal: Decimal;
  readonly discount: Decimal;
  readonly discounts: readonly { readonly couponId: string; readonly amount: Decimal }[];
  /** Drawn from a contract's prepaid commits (V30); absent when the subscription has no contract with commits. */
  readonly commits?: Decimal;
  readonly commitDraws?: readonly CommitDraw[];
  readonly credits: Decimal;
  readonly creditsApplied: readonly { readonly grantId: string; readonly amount: Decimal }[];
  /** Added to the total, or with an inclusive tax rate the part of the total that is tax. */
  readonly tax: Decimal;
  /**
   * subtotal − discount − credits, plus tax unless the tax rate is inclusive;
   * negative totals become customer balance.
   */
  readonly total: Decimal;
  /** Taken from the customer balance left by earlier negative totals. */
  readonly balanceApplied: Decimal;
  readonly amountDue: Decimal;
  /** The plan's allowances over the segment the invoice closes (V25); absent when it has none. */
  readonly allowances?: readonly AllowanceSummary[];
};

/** What carries from one invoice to the next. */
export type AccountState = {
  /** For each coupon, how many invoices with a positive subtotal it has counted. */
  readonly couponInvoiceCounts: ReadonlyMap<string, number>;
  /** Unused balance of each credit grant. */
  readonly grantBalances: ReadonlyMap<string, Decimal>;
  /** Owed to the customer from negative totals, not yet applied. */
  readonly customerBalance: Decimal;
  /** The balances of a contract's prepaid commits; absent without a contract. */
  readonly commitLedger?: CommitLedger;
};

export function openingAccountState(
  creditGrants: readonly CreditGrant[],
  contract?: ContractBilling,
): AccountState {
  return {
    couponInvoiceCounts: new Map(),
    grantBalances: new Map(creditGrants.map((grant) => [grant.id, grant.amount])),
    customerBalance: ZERO,
    ...(contract === undefined ? {} : { commitLedger: openingCommitLedger(contract) }),
  };
}

/**
 * What the period's progressive invoices before this one took of its coupons
 * (billing rule 28). Each coupon takes its share of the period's charges
 * billed through this invoice, less what it took on them, so that the
 * period's discount is the same with progressive invoices as without.
 */
export type EarlierProgressiveDiscounts = {
  /**
   * The period's charges billed through this invoice, when its own lines are
   * not all of them: a progressive invoice's lines are only the growth since
   * the last one. Absent: the invoice's own lines, without the progressive
   * billing credit (which gives back what was billed early, not less usage).
   */
  readonly billedLines?: readonly InvoiceLine[];
  /** By coupon id: what the period's earlier progressive invoices took off. */
  readonly discounted: ReadonlyMap<string, Decimal>;
};

export type AccountTerms = {
  readonly currency: Currency;
  /** In the order they apply. */
  readonly coupons: readonly Coupon[];
  readonly creditGrants: readonly CreditGrant[];
  readonly tax?: TaxRate;
};

/**
 * Coupons in the order listed, each on what remains of a positive subtotal and
 * rounded on its own. Every coupon counts each invoice with a positive
 * subtotal, even one left nothing to take (billing rule 17); a coupon limited
 * to some lines counts it only when those lines add up to more than zero, and
 * takes its share of them, never more than remains (billing rule 22).
 *
 * In a period billed progressively (billing rule 28) the coupons measure the
 * period's charges billed through the invoice: without the credit that gives
 * back what was billed early, or `earlier.billedLines` on a progressive
 * invoice. The invoice takes what their shares add up to less what the
 * period's earlier progressive invoices took of them, never less than
 * nothing, nor more than the invoice bills (a progressive one) or than the
 * period's charges less everything taken off them (the period's own); each
 * coupon in turn takes its own share less what it took, as long as that lasts.
 */
function applyCoupons(
  allLines: readonly InvoiceLine[],
  terms: AccountTerms,
  counts: Map<string, number>,
  earlier: EarlierProgressiveDiscounts | undefined,
) {
  const lines = couponLines(allLines);
  const measured =
    earlier?.billedLines === undefined
      ? lines.filter((line) => line.charge !== PROGRESSIVE_BILLING_CREDIT)
      : couponLines(earlier.billedLines);
  const subtotal = sumDecimals(measured.map((line) => line.amount));
  if (subtotal.lessThanOrEqualTo(ZERO)) return [];
  const shares: { couponId: string; amount: Decimal }[] = [];
  let remaining = subtotal;
  for (const coupon of terms.coupons) {
    const eligible = isRestricted(coupon) ? eligibleAmount(coupon, measured) : subtotal;
    if (eligible.lessThanOrEqualTo(ZERO)) continue;
    const invoicesCounted = (counts.get(coupon.id) ?? 0) + 1;
    counts.set(coupon.id, invoicesCounted);
    if (coupon.duration.type === "repeating" && invoicesCounted > coupon.duration.invoices) continue;
    const base = minDecimal(eligible, remaining);
    const wanted =
      coupon.discount.type === "percentage"
        ? base.times(coupon.discount.percent).dividedBy(ONE_HUNDRED)
        : minDecimal(coupon.discount.amount, base);
    const amount = roundToMinorUnit(wanted, terms.currency);
    remaining = remaining.minus(amount);
    shares.push({ couponId: coupon.id, amount });
  }
  if (earlier === undefined) return shares;
  const taken = (couponId: string) => earlier.discounted.get(couponId) ?? ZERO;
  const owed = sumDecimals(shares.map((share) => share.amount.minus(taken(share.couponId))));
  const room =
    earlier.billedLines === undefined
      ? subtotal.minus(sumDecimals(earlier.discounted.values()))
      : sumDecimals(lines.map((line) => line.amount));
  let left = maxDecimal(ZERO, minDecimal(owed, room));
  return shares.map((share) => {
    const amount = minDecimal(maxDecimal(ZERO, share.amount.minus(taken(share.couponId))), left);
    left = left.minus(amount);
    return { couponId: share.couponId, amount };
  });
}

/** The lines coupons apply to (usage billed in advance and commit lines are left out, scenario format v2, V19). */
function couponLines(lines: readonly InvoiceLine[]): readonly InvoiceLine[] {
  return lines.some(isOutsideCoupons) ? lines.filter((line) => !isOutsideCoupons(line)) : lines;
}

function isOutsideCoupons(line: InvoiceLine): boolean {
  return line.kind === "usage_in_advance" || line.kind === "commit" || line.kind === "commit_true_up";
}

function isRestricted(coupon: Coupon): boolean {
  return (
    coupon.appliesTo !== undefined &&
    (coupon.appliesTo.planCodes.length > 0 ||
      coupon.appliesTo.meterCodes.length > 0 ||
      coupon.appliesTo.subscriptionIds !== undefined)
  );
}

/**
 * What the lines a restricted coupon applies to add up to (billing rules 22
 * and 31): of its subscriptions' lines when it has some, those of its plans or
 * meters (all of them when both lists are empty).
 */
function eligibleAmount(coupon: Coupon, lines: readonly InvoiceLine[]): Decimal {
  const planCodes = new Set(coupon.appliesTo?.planCodes);
  const meterCodes = new Set(coupon.appliesTo?.meterCodes);
  const subscriptionIds = coupon.appliesTo?.subscriptionIds;
  const isPicked = (line: InvoiceLine) =>
    (planCodes.size === 0 && meterCodes.size === 0) ||
    planCodes.has(line.details.planCode) ||
    (line.details.kind === "usage" && meterCodes.has(line.details.meterCode));
  const isEligible = (line: InvoiceLine) =>
    (subscriptionIds === undefined ||
      (line.subscriptionId !== undefined && subscriptionIds.includes(line.subscriptionId))) &&
    isPicked(line);
  return sumDecimals(lines.filter(isEligible).map((line) => line.amount));
}

/**
 * Exclusive: `percent` of the taxable amount, added on top. Inclusive: the
 * taxable amount already holds the tax, `taxable × p / (100 + p)`, and the
 * total stays the taxable amount (billing rule 23). Rounded once, either way.
 */
function taxOf(taxable: Decimal, terms: AccountTerms): { tax: Decimal; total: Decimal } {
  if (terms.tax === undefined) return { tax: ZERO, total: taxable };
  const { percent, inclusive = false } = terms.tax;
  if (inclusive) {
    const tax = roundToMinorUnit(taxable.times(percent).dividedBy(ONE_HUNDRED.plus(percent)), terms.currency);
    return { tax, total: taxable };
  }
  const tax = roundToMinorUnit(taxable.times(percent).dividedBy(ONE_HUNDRED), terms.currency);
  return { tax, total: taxable.plus(tax) };
}

/**
 * What a settled invoice comes to before its tax: the amount a tax engine
 * records as sold, whether the prices held the tax (inclusive) or not.
 */
export function amountBeforeTax(totals: { total: Decimal; tax: Decimal }): Decimal {
  return totals.total.minus(totals.tax);
}

function isEffective(grant: CreditGrant, instant: Instant): boolean {
  return grant.effectiveAt <= instant && (grant.expiresAt === undefined || instant < grant.expiresAt);
}

/** Lower priority first, then the earliest expiry (never expiring last), then the order listed. */
function grantsInOrderOfUse(grants: readonly CreditGrant[]): CreditGrant[] {
  const expiry = (grant: CreditGrant) => grant.expiresAt ?? Number.POSITIVE_INFINITY;
  return grants
    .map((grant, position) => ({ grant, position }))
    .sort(
      (left, right) =>
        left.grant.priority - right.grant.priority ||
        expiry(left.grant) - expiry(right.grant) ||
        left.position - right.position,
    )
    .map(({ grant }) => grant);
}

function applyCredits(
  remaining: Decimal,
  issuedAt: Instant,
  terms: AccountTerms,
  balances: Map<string, Decimal>,
): { grantId: string; amount: Decimal }[] {
  const applied: { grantId: string; amount: Decimal }[] = [];
  let left = remaining;
  for (const grant of grantsInOrderOfUse(terms.creditGrants)) {
    if (left.lessThanOrEqualTo(ZERO)) break;
    const balance = balances.get(grant.id) ?? ZERO;
    if (!isEffective(grant, issuedAt) || balance.lessThanOrEqualTo(ZERO)) continue;
    const amount = roundToMinorUnit(minDecimal(balance, left), terms.currency);
    balances.set(grant.id, balance.minus(amount));
    left = left.minus(amount);
    applied.push({ grantId: grant.id, amount });
  }
  return applied;
}

/** What a contract's prepaid commits pay of an invoice, after its discount (V30). */
function applyCommits(
  input: { issuedAt: Instant; lines: readonly InvoiceLine[]; terms: AccountTerms; state: AccountState },
  contract: ContractBilling | undefined,
  available: Decimal,
): { commits?: Decimal; commitDraws?: CommitDraw[]; commitLedger?: CommitLedger } {
  if (contract === undefined || contract.contract.commits.length === 0) return {};
  const { draws, ledger } = drawCommits({
    billing: contract,
    ledger: input.state.commitLedger ?? openingCommitLedger(contract),
    issuedAt: input.issuedAt,
    lines: input.lines,
    available,
    currency: input.terms.currency,
  });
  return { commits: sumDecimals(draws.map((draw) => draw.amount)), commitDraws: draws, commitLedger: ledger };
}

/** Totals one invoice's lines and moves the account state past it. */
export function settleInvoice(input: {
  issuedAt: Instant;
  lines: readonly InvoiceLine[];
  terms: AccountTerms;
  state: AccountState;
  /** The subscription's contract, whose commits pay for its lines (scenario format v2, V30). */
  contract?: ContractBilling | undefined;
  allowances?: readonly AllowanceSummary[] | undefined;
  /** On an invoice of a period billed progressively: what its earlier progressive invoices took of the coupons. */
  progressive?: EarlierProgressiveDiscounts | undefined;
}): { invoice: Invoice; state: AccountState } {
  const { issuedAt, lines, terms, state } = input;
  const couponInvoiceCounts = new Map(state.couponInvoiceCounts);
  const grantBalances = new Map(state.grantBalances);

  const subtotal = sumDecimals(lines.map((line) => line.amount));
  const discounts = applyCoupons(lines, terms, couponInvoiceCounts, input.progressive);
  const discount = sumDecimals(discounts.map((entry) => entry.amount));
  const { commits, commitDraws, commitLedger } = applyCommits(
    input,
    input.contract,
    subtotal.minus(discount),
  );
  const afterCommits = subtotal.minus(discount).minus(commits ?? ZERO);
  const creditsApplied = applyCredits(afterCommits, issuedAt, terms, grantBalances);
  const credits = sumDecimals(creditsApplied.map((entry) => entry.amount));
  const taxable = afterCommits.minus(credits);
  const { tax, total } = taxOf(taxable, terms);

  // A negative total is owed to the customer; it pays later positive totals, never its own invoice.
  const balanceApplied = total.greaterThan(ZERO) ? minDecimal(state.customerBalance, total) : ZERO;
  const customerBalance = total.lessThan(ZERO)
    ? state.customerBalance.plus(total.negated())
    : state.customerBalance.minus(balanceApplied);
  const amountDue = maxDecimal(ZERO, total.minus(balanceApplied));

  return {
    invoice: {
      issuedAt,
      currency: terms.currency,
      lines,
      subtotal,
      discount,
      discounts,
      ...(commits === undefined ? {} : { commits, commitDraws }),
      credits,
      creditsApplied,
      tax,
      total,
      balanceApplied,
      amountDue,
      ...(input.allowances === undefined ? {} : { allowances: input.allowances }),
    },
    state: {
      couponInvoiceCounts,
      grantBalances,
      customerBalance,
      ...(commitLedger === undefined ? {} : { commitLedger }),
    },
  };
}
