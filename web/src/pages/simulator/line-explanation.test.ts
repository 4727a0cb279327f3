import { describe, expect, it } from "vitest";
import type { SimulatedLine } from "../../api/resources.ts";
import { explainLine } from "./line-explanation.ts";

// Lines as `fairbill simulate` prints them for the bundled examples.
const period = { period_start: "2026-03-01T00:00:00Z", period_end: "2026-04-01T00:00:00Z" };

describe("explainLine", () => {
  it("explains graduated tiers with their flat fees", () => {
    const line: SimulatedLine = {
      charge: "units",
      kind: "usage",
      ...period,
      quantity: "21",
      amount: "23.25",
      details: {
        plan: "tiered",
        meter: "units",
        aggregation: "sum",
        event_count: 2,
        quantity: "21",
        price: {
          model: "graduated",
          tiers: [
            { tier: 1, from: "0", up_to: "10", units: "10", unit_price: "1", flat_fee: "1", amount: "11" },
            { tier: 2, from: "10", up_to: "20", units: "10", unit_price: "0.5", flat_fee: "2", amount: "7" },
            {
              tier: 3,
              from: "20",
              up_to: null,
              units: "1",
              unit_price: "0.25",
              flat_fee: "5",
              amount: "5.25",
            },
          ],
        },
      },
    };
    expect(explainLine(line, "USD", "en-US")).toEqual([
      "Plan tiered: meter units (sum) over 2 events = 21",
      "Graduated tiers:",
      "Tier 1 (0 to 10): 10 × $1.00 + $1.00 flat = $11.00",
      "Tier 2 (10 to 20): 10 × $0.50 + $2.00 flat = $7.00",
      "Tier 3 (20 and above): 1 × $0.25 + $5.00 flat = $5.25",
    ]);
  });

  it("leaves out unused tiers and keeps sub-cent unit prices", () => {
    const line: SimulatedLine = {
      charge: "s_tokens",
      kind: "usage",
      ...period,
      quantity: "130000",
      amount: "6.00",
      details: {
        plan: "starter",
        meter: "tokens",
        aggregation: "sum",
        event_count: 1,
        quantity: "130000",
        price: {
          model: "graduated",
          tiers: [
            {
              tier: 1,
              from: "0",
              up_to: "100000",
              units: "100000",
              unit_price: "0",
              flat_fee: "0",
              amount: "0",
            },
            {
              tier: 2,
              from: "100000",
              up_to: null,
              units: "30000",
              unit_price: "0.0002",
              flat_fee: "0",
              amount: "6",
            },
            {
              tier: 3,
              from: "200000",
              up_to: null,
              units: "0",
              unit_price: "0.0001",
              flat_fee: "0",
              amount: "0",
            },
          ],
        },
      },
    };
    expect(explainLine(line, "EUR", "en-US").slice(0, 1)).toEqual([
      "Plan starter: meter tokens (sum) over 1 event = 130,000",
    ]);
    expect(explainLine(line, "EUR", "en-US")).toContain(
      "Tier 2 (100,000 and above): 30,000 × €0.0002 = €6.00",
    );
    expect(explainLine(line, "EUR", "en-US")).toHaveLength(4);
  });

  it("explains prorated fixed fees and proration credits", () => {
    const proration = { days: 11, full_days: 31, factor: "11/31" };
    expect(
      explainLine(
        {
          charge: "c_base",
          kind: "fixed",
          ...period,
          quantity: "1",
          amount: "35.13",
          details: { plan: "scale", timing: "in_advance", full_amount: "99", proration },
        },
        "EUR",
        "en-US",
      ),
    ).toEqual(["Plan scale: fixed €99.00 in advance, prorated 11 of 31 days"]);
    expect(
      explainLine(
        {
          charge: "s_base",
          kind: "proration_credit",
          ...period,
          quantity: "1",
          amount: "-10.29",
          details: { plan: "starter", full_amount: "29", proration },
        },
        "EUR",
        "en-US",
      ),
    ).toEqual(["Plan starter: credit for the unused part of €29.00, prorated 11 of 31 days"]);
  });

  it("names a dimensional line's combination, and the default when it priced the line", () => {
    const line = (dimensions: Record<string, string | null>, pricedByDefault: boolean): SimulatedLine => ({
      charge: "tokens",
      kind: "usage",
      ...period,
      quantity: "100",
      amount: "0.50",
      details: {
        plan: "team",
        meter: "tokens",
        aggregation: "sum",
        event_count: 1,
        quantity: "100",
        price: { model: "per_unit", free_units: "0", billable_units: "100", unit_price: "0.005" },
        dimensions,
        ...(pricedByDefault ? { priced_by: "default" } : {}),
      },
    });
    expect(explainLine(line({ model: "claude", region: "eu" }, true), "USD", "en-US")).toEqual([
      "Plan team: meter tokens (sum) over 1 event = 100",
      "Combination model claude, region eu: not listed, priced at the default",
      "Per unit: 100 billable units × $0.005",
    ]);
    expect(explainLine(line({ model: null }, false), "USD", "en-US")[1]).toBe("Combination model (none)");
  });

  it("explains a commitment's instalment", () => {
    expect(
      explainLine(
        {
          charge: "prepaid",
          kind: "commit",
          ...period,
          quantity: "1",
          amount: "300.00",
          details: { plan: "team", commitment: "1200.00", instalment: 2, instalments: 4 },
        },
        "USD",
        "en-US",
      ),
    ).toEqual(["Plan team: instalment 2 of 4 of a commitment of $1,200.00"]);
  });

  it("shows the raw details of a kind it does not know", () => {
    expect(
      explainLine(
        { charge: "x", kind: "future_kind", ...period, quantity: "1", amount: "1.00", details: { a: 1 } },
        "USD",
      ),
    ).toEqual(["a: 1"]);
  });
});
