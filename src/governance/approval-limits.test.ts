// Which changes the approval policy sends to a second person, and which new
// settings loosen it: amounts at the limit pass, amounts above it do not, a
// currency without a limit passes, and raising or removing any limit (or
// switching a kind off) is a loosening.
import { describe, expect, it } from "vitest";
import { approvalRequiredBecause, loosens, noApprovalRequired } from "./approval-limits.ts";

const limits = {
  credit_grants_above: [{ currency: "USD", amount: "1000.00" }],
  coupons_above: { percent: "50", amounts: [{ currency: "EUR", amount: "100" }] },
  price_overrides: { discounts_above_percent: "20", new_prices: true },
  plan_migrations: true,
  rollouts: false,
};

describe("approval limits", () => {
  it("sends only amounts above the limit of their currency to a second person", () => {
    const grant = (amount: string, currency = "USD") =>
      approvalRequiredBecause(limits, { kind: "credit_grant", amount, currency });
    expect(grant("1000")).toBeUndefined();
    expect(grant("1000.01")).toBe("credit grants above 1000.00 USD");
    expect(grant("1000000", "GBP")).toBeUndefined();
    expect(approvalRequiredBecause(limits, { kind: "coupon", percent: "50" })).toBeUndefined();
    expect(approvalRequiredBecause(limits, { kind: "coupon", percent: "50.5" })).toBe(
      "percentage coupons above 50%",
    );
    expect(approvalRequiredBecause(limits, { kind: "coupon", amount: "100.01", currency: "EUR" })).toBe(
      "fixed coupons above 100 EUR",
    );
    expect(approvalRequiredBecause(limits, { kind: "price_override", discountPercent: "25" })).toBe(
      "percentage discounts above 20%",
    );
    expect(approvalRequiredBecause(limits, { kind: "price_override", newPrice: true })).toBe(
      "price overrides that replace a price",
    );
    expect(approvalRequiredBecause(limits, { kind: "plan_migration" })).toBe("plan migrations");
    expect(approvalRequiredBecause(limits, { kind: "rollout" })).toBeUndefined();
  });

  it("lets everything through until an organization sets limits", () => {
    expect(
      approvalRequiredBecause(noApprovalRequired, { kind: "credit_grant", amount: "1e6", currency: "USD" }),
    ).toBeUndefined();
    expect(approvalRequiredBecause(noApprovalRequired, { kind: "rollout" })).toBeUndefined();
  });

  it("calls raising or removing a limit, or switching a kind off, a loosening", () => {
    expect(loosens(limits, limits)).toBe(false);
    expect(loosens(noApprovalRequired, limits)).toBe(false);
    expect(loosens(limits, { ...limits, credit_grants_above: [{ currency: "USD", amount: "999" }] })).toBe(
      false,
    );
    expect(loosens(limits, { ...limits, credit_grants_above: [{ currency: "USD", amount: "1000.5" }] })).toBe(
      true,
    );
    expect(loosens(limits, { ...limits, credit_grants_above: [] })).toBe(true);
    expect(loosens(limits, { ...limits, coupons_above: { ...limits.coupons_above, percent: null } })).toBe(
      true,
    );
    expect(
      loosens(limits, { ...limits, price_overrides: { discounts_above_percent: "20", new_prices: false } }),
    ).toBe(true);
    expect(loosens(limits, { ...limits, plan_migrations: false })).toBe(true);
    expect(loosens(limits, { ...limits, rollouts: true })).toBe(false);
  });
});
