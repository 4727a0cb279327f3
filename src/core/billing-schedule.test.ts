import { describe, expect, it } from "vitest";
import type { BillingInterval } from "./billing-periods.ts";
import { planBillingSchedule } from "./billing-schedule.ts";
import { BillingInputError, createCatalog, type PlanVersion } from "./catalog.ts";
import { Decimal } from "./decimal.ts";
import { formatInstant, parseInstant } from "./instant.ts";
import type { Subscription, SubscriptionChange } from "./subscription.ts";

function at(text: string): number {
  const instant = parseInstant(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (instant === undefined) throw new Error(`bad timestamp in test: ${text}`);
  return instant;
}

function plan(code: string, interval: BillingInterval = { unit: "month", count: 1 }): PlanVersion {
  return {
    code,
    interval,
    charges: [
      { type: "fixed", id: `${code}_fee`, amount: new Decimal(10), timing: "in_advance", prorate: true },
    ],
  };
}

const catalog = createCatalog([], [plan("basic"), plan("pro"), plan("annual", { unit: "year", count: 1 })]);

function segments(options: Partial<Subscription> & { until: string }) {
  const subscription: Subscription = {
    planCode: "basic",
    start: at("2026-01-01"),
    timeZone: "UTC",
    alignment: "anniversary",
    trialDays: 0,
    changes: [],
    ...options,
  };
  return planBillingSchedule(subscription, catalog, at(options.until)).segments.map((segment) => [
    segment.planCode,
    formatInstant(segment.start).slice(0, 10),
    formatInstant(segment.end).slice(0, 10),
    formatInstant(segment.period.fullStart).slice(0, 10),
  ]);
}

const change = (date: string, planCode: string): SubscriptionChange => ({
  type: "change_plan",
  at: at(date),
  planCode,
});
const cancel = (date: string, mode: "immediate" | "period_end"): SubscriptionChange => ({
  type: "cancel",
  at: at(date),
  mode,
});

describe("the billing schedule", () => {
  it("lays the plan over every period that starts by `until`", () => {
    expect(segments({ until: "2026-03-01" })).toEqual([
      ["basic", "2026-01-01", "2026-02-01", "2026-01-01"],
      ["basic", "2026-02-01", "2026-03-01", "2026-02-01"],
      ["basic", "2026-03-01", "2026-04-01", "2026-03-01"],
    ]);
  });

  it("starts the first period when the trial ends", () => {
    expect(segments({ trialDays: 14, until: "2026-02-15" })).toEqual([
      ["basic", "2026-01-15", "2026-02-15", "2026-01-15"],
      ["basic", "2026-02-15", "2026-03-15", "2026-02-15"],
    ]);
  });

  it("splits a period at a plan change without moving the anchor", () => {
    expect(
      segments({
        changes: [change("2026-01-10", "pro"), change("2026-01-20", "basic")],
        until: "2026-02-01",
      }),
    ).toEqual([
      ["basic", "2026-01-01", "2026-01-10", "2026-01-01"],
      ["pro", "2026-01-10", "2026-01-20", "2026-01-01"],
      ["basic", "2026-01-20", "2026-02-01", "2026-01-01"],
      ["basic", "2026-02-01", "2026-03-01", "2026-02-01"],
    ]);
  });

  it("switches plans on a period boundary without a zero-length segment (rule 5)", () => {
    expect(segments({ changes: [change("2026-02-01", "pro")], until: "2026-02-01" })).toEqual([
      ["basic", "2026-01-01", "2026-02-01", "2026-01-01"],
      ["pro", "2026-02-01", "2026-03-01", "2026-02-01"],
    ]);
  });

  it("ends at an immediate cancellation, and with the period of a period_end one", () => {
    expect(segments({ changes: [cancel("2026-02-10", "immediate")], until: "2026-06-01" })).toEqual([
      ["basic", "2026-01-01", "2026-02-01", "2026-01-01"],
      ["basic", "2026-02-01", "2026-02-10", "2026-02-01"],
    ]);
    expect(segments({ changes: [cancel("2026-02-10", "period_end")], until: "2026-06-01" })).toEqual([
      ["basic", "2026-01-01", "2026-02-01", "2026-01-01"],
      ["basic", "2026-02-01", "2026-03-01", "2026-02-01"],
    ]);
  });

  it("bills nothing when cancelled during the trial, in either mode (rule 15)", () => {
    expect(
      segments({ trialDays: 14, changes: [cancel("2026-01-05", "immediate")], until: "2026-06-01" }),
    ).toEqual([]);
    expect(
      segments({ trialDays: 14, changes: [cancel("2026-01-05", "period_end")], until: "2026-06-01" }),
    ).toEqual([]);
  });

  it("takes a plan chosen during the trial from the first period", () => {
    expect(segments({ trialDays: 14, changes: [change("2026-01-05", "pro")], until: "2026-01-15" })).toEqual([
      ["pro", "2026-01-15", "2026-02-15", "2026-01-15"],
    ]);
  });

  it("keeps the first calendar period's full period when a change cuts it (rule 2)", () => {
    expect(
      segments({
        alignment: "calendar",
        start: at("2026-04-10"),
        changes: [change("2026-04-20", "pro")],
        until: "2026-05-01",
      }),
    ).toEqual([
      ["basic", "2026-04-10", "2026-04-20", "2026-04-01"],
      ["pro", "2026-04-20", "2026-05-01", "2026-04-01"],
      ["pro", "2026-05-01", "2026-06-01", "2026-05-01"],
    ]);
  });

  it("starts the new plan's periods at the end of the current one when it bills on another interval", () => {
    expect(segments({ changes: [change("2026-01-10", "annual")], until: "2026-02-01" })).toEqual([
      ["basic", "2026-01-01", "2026-01-10", "2026-01-01"],
      ["annual", "2026-01-10", "2026-02-01", "2026-01-01"],
      ["annual", "2026-02-01", "2027-02-01", "2026-02-01"],
    ]);
  });

  it("refuses changes out of order or after a cancellation", () => {
    expect(() =>
      segments({
        changes: [change("2026-02-01", "pro"), change("2026-01-15", "basic")],
        until: "2026-03-01",
      }),
    ).toThrow(BillingInputError);
    expect(() =>
      segments({
        changes: [cancel("2026-01-15", "period_end"), change("2026-01-20", "pro")],
        until: "2026-03-01",
      }),
    ).toThrow(BillingInputError);
  });
});
