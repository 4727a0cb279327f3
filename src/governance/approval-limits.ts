// Which changes besides plan versions need another person's approval, and
// whether a given change is one of them: credit grants, coupons and price
// overrides above the amounts an organization sets, every plan migration,
// rollout, contract or plan change when it says so. Also whether a new setting is looser than the one
// in force (loosening waits for a second admin; tightening applies at once).
import { Decimal } from "../core/index.ts";
import type { ApprovalRequiredFor } from "./governance-schemas.ts";

/** What the policy is asked about: the kind of change and the amounts that decide. */
export type ApprovalSubject =
  | { kind: "credit_grant"; amount: string; currency: string }
  | { kind: "coupon"; percent: string }
  | { kind: "coupon"; amount: string; currency: string }
  | { kind: "price_override"; discountPercent: string }
  | { kind: "price_override"; newPrice: true }
  | { kind: "plan_migration" }
  | { kind: "rollout" }
  | { kind: "contract" }
  | { kind: "plan_change" };

type MoneyLimit = { currency: string; amount: string };

/** Nothing besides plan versions needs approval until an organization says so. */
export const noApprovalRequired: ApprovalRequiredFor = {
  credit_grants_above: [],
  coupons_above: { percent: null, amounts: [] },
  price_overrides: { discounts_above_percent: null, new_prices: false },
  plan_migrations: false,
  rollouts: false,
};

/** The limit that `subject` breaks, said for the author ("credit grants above 1000.00 USD"), or undefined. */
export function approvalRequiredBecause(
  requiredFor: ApprovalRequiredFor,
  subject: ApprovalSubject,
): string | undefined {
  switch (subject.kind) {
    case "credit_grant":
      return aboveMoneyLimit(requiredFor.credit_grants_above, subject, "credit grants");
    case "coupon":
      if ("percent" in subject) {
        return abovePercent(requiredFor.coupons_above.percent, subject.percent, "percentage coupons");
      }
      return aboveMoneyLimit(requiredFor.coupons_above.amounts, subject, "fixed coupons");
    case "price_override":
      if ("newPrice" in subject) {
        return requiredFor.price_overrides.new_prices ? "price overrides that replace a price" : undefined;
      }
      return abovePercent(
        requiredFor.price_overrides.discounts_above_percent,
        subject.discountPercent,
        "percentage discounts",
      );
    case "plan_migration":
      return requiredFor.plan_migrations ? "plan migrations" : undefined;
    case "rollout":
      return requiredFor.rollouts ? "rollouts" : undefined;
    case "contract":
      return requiredFor.contracts === true ? "contracts" : undefined;
    case "plan_change":
      return requiredFor.plan_changes === true ? "plan changes" : undefined;
  }
}

function aboveMoneyLimit(limits: MoneyLimit[], money: MoneyLimit, what: string): string | undefined {
  const limit = limits.find((candidate) => candidate.currency === money.currency);
  if (limit === undefined || !new Decimal(money.amount).greaterThan(limit.amount)) return undefined;
  return `${what} above ${limit.amount} ${limit.currency}`;
}

function abovePercent(limit: string | null, percent: string, what: string): string | undefined {
  if (limit === null || !new Decimal(percent).greaterThan(limit)) return undefined;
  return `${what} above ${limit}%`;
}

/** True when `proposed` lets through some change that `current` sends for approval. */
export function loosens(current: ApprovalRequiredFor, proposed: ApprovalRequiredFor): boolean {
  return (
    moneyLimitsLoosen(current.credit_grants_above, proposed.credit_grants_above) ||
    moneyLimitsLoosen(current.coupons_above.amounts, proposed.coupons_above.amounts) ||
    percentLoosens(current.coupons_above.percent, proposed.coupons_above.percent) ||
    percentLoosens(
      current.price_overrides.discounts_above_percent,
      proposed.price_overrides.discounts_above_percent,
    ) ||
    (current.price_overrides.new_prices && !proposed.price_overrides.new_prices) ||
    (current.plan_migrations && !proposed.plan_migrations) ||
    (current.rollouts && !proposed.rollouts) ||
    (current.contracts === true && proposed.contracts !== true) ||
    (current.plan_changes === true && proposed.plan_changes !== true)
  );
}

function moneyLimitsLoosen(current: MoneyLimit[], proposed: MoneyLimit[]): boolean {
  return current.some((limit) => {
    const next = proposed.find((candidate) => candidate.currency === limit.currency);
    return next === undefined || new Decimal(next.amount).greaterThan(limit.amount);
  });
}

function percentLoosens(current: string | null, proposed: string | null): boolean {
  if (current === null) return false;
  return proposed === null || new Decimal(proposed).greaterThan(current);
}
