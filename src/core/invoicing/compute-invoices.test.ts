import { describe, expect, it } from "vitest";
import { type BillingRequest, billSubscription } from "../bill-subscription.ts";
import { type Charge, createCatalog, type PlanVersion } from "../catalog.ts";
import { currencyFor } from "../currency.ts";
import { Decimal } from "../decimal.ts";
import { formatInstant, parseInstant } from "../instant.ts";
import type { SubscriptionChange } from "../subscription.ts";
import type { UsageEvent } from "../usage/usage-event.ts";

function at(date: string): number {
  return parseInstant(`${date}T00:00:00Z`) ?? Number.NaN;
}

const fee = (
  id: string,
  amount: string,
  extra: Partial<Extract<Charge, { type: "fixed" }>> = {},
): Charge => ({
  type: "fixed",
  id,
  amount: new Decimal(amount),
  timing: "in_advance",
  prorate: true,
  ...extra,
});

const calls: Charge = {
  type: "usage",
  id: "calls",
  meterCode: "calls",
  pricing: { model: "per_unit", unitPrice: new Decimal("0.10"), freeUnits: new Decimal(0) },
};

function plan(code: string, charges: Charge[], minimumCommitment?: string): PlanVersion {
  return {
    code,
    interval: { unit: "month", count: 1 },
    charges,
    ...(minimumCommitment === undefined ? {} : { minimumCommitment: new Decimal(minimumCommitment) }),
  };
}

function bill(options: {
  plans: PlanVersion[];
  changes?: SubscriptionChange[];
  until: string;
  events?: UsageEvent[];
}) {
  const request: BillingRequest = {
    catalog: createCatalog(
      [{ code: "calls", eventName: "call", aggregation: "count", filters: [] }],
      options.plans,
    ),
    subscription: {
      planCode: options.plans[0]?.code ?? "",
      start: at("2026-09-01"),
      timeZone: "UTC",
      alignment: "anniversary",
      trialDays: 0,
      changes: options.changes ?? [],
    },
    terms: { currency: currencyFor("USD"), coupons: [], creditGrants: [] },
    until: at(options.until),
  };
  const result = billSubscription(request, options.events ?? []);
  if (!result.ok) throw new Error(JSON.stringify(result.invalidEvents));
  return result.invoices.map((invoice) => ({
    issuedAt: formatInstant(invoice.issuedAt).slice(0, 10),
    lines: invoice.lines.map((line) => `${line.charge}/${line.kind} ${line.amount.toFixed(2)}`),
    total: invoice.total.toFixed(2),
  }));
}

describe("invoice lines", () => {
  it("close the old plan, credit its unused days and open the new plan at a change, in that order (rule 7)", () => {
    const invoices = bill({
      plans: [plan("basic", [fee("basic_fee", "30.00"), calls]), plan("pro", [fee("pro_fee", "60.00")])],
      changes: [{ type: "change_plan", at: at("2026-09-11"), planCode: "pro" }],
      events: [{ id: "e1", name: "call", timestamp: at("2026-09-05"), properties: {} }],
      until: "2026-10-01",
    });
    expect(invoices).toEqual([
      { issuedAt: "2026-09-01", lines: ["basic_fee/fixed 30.00"], total: "30.00" },
      {
        issuedAt: "2026-09-11",
        lines: ["calls/usage 0.10", "basic_fee/proration_credit -20.00", "pro_fee/fixed 40.00"],
        total: "20.10",
      },
      { issuedAt: "2026-10-01", lines: ["pro_fee/fixed 60.00"], total: "60.00" },
    ]);
  });

  it("bill a charge with prorate: false whole, and give no credit for it", () => {
    const invoices = bill({
      plans: [
        plan("basic", [fee("setup", "30.00", { prorate: false })]),
        plan("pro", [fee("pro_fee", "60.00", { prorate: false })]),
      ],
      changes: [{ type: "change_plan", at: at("2026-09-11"), planCode: "pro" }],
      until: "2026-09-30",
    });
    expect(invoices.map((invoice) => invoice.lines)).toEqual([
      ["setup/fixed 30.00"],
      ["pro_fee/fixed 60.00"],
    ]);
  });

  it("show a usage line at quantity 0 (rule 6)", () => {
    const invoices = bill({ plans: [plan("metered", [calls])], until: "2026-10-01" });
    expect(invoices).toEqual([{ issuedAt: "2026-10-01", lines: ["calls/usage 0.00"], total: "0.00" }]);
  });

  it("true up to the prorated minimum, counting in-advance lines net of their credit (rule 14)", () => {
    const invoices = bill({
      plans: [
        plan("committed", [fee("base", "30.00"), calls], "100.00"),
        plan("pro", [fee("pro_fee", "60.00")]),
      ],
      changes: [{ type: "change_plan", at: at("2026-09-16"), planCode: "pro" }],
      until: "2026-09-16",
    });
    // Segment Sep 1–16: 15 of 30 days. Minimum 50.00; charges 30.00 − 15.00 + 0.00 = 15.00; true-up 35.00.
    expect(invoices[1]?.lines).toEqual([
      "calls/usage 0.00",
      "committed/minimum_true_up 35.00",
      "base/proration_credit -15.00",
      "pro_fee/fixed 30.00",
    ]);
  });

  it("are refused when an event cannot be read, rather than billed in part", () => {
    const request: BillingRequest = {
      catalog: createCatalog(
        [{ code: "tokens", eventName: "completion", aggregation: "sum", property: "tokens", filters: [] }],
        [plan("flat", [fee("base", "10.00")])],
      ),
      subscription: {
        planCode: "flat",
        start: 0,
        timeZone: "UTC",
        alignment: "anniversary",
        trialDays: 0,
        changes: [],
      },
      terms: { currency: currencyFor("USD"), coupons: [], creditGrants: [] },
      until: 0,
    };
    const result = billSubscription(request, [
      { id: "bad", name: "completion", timestamp: 0, properties: { tokens: "many" } },
    ]);
    expect(result).toEqual({
      ok: false,
      invalidEvents: [{ eventId: "bad", meterCode: "tokens", property: "tokens", problem: "not_numeric" }],
    });
  });
});
