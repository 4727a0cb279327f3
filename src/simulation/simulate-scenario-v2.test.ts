// Version 2 of the scenario format (docs/scenario-format-v2.md) through the
// simulator: what it accepts, what it refuses and where, and what it prints.
import { describe, expect, it } from "vitest";
import { imagesAtFourCredits } from "../../test/support/pricing-fixtures.ts";
import { type SimulationResult, simulateScenario } from "./simulate-scenario.ts";

function errorsOf(result: SimulationResult): string[] {
  return result.ok ? [] : result.errors.map((error) => `${error.path}: ${error.message}`);
}

function tokensEvent(id: string, timestamp: string, properties: Record<string, unknown>) {
  return { id, name: "completion", timestamp, properties };
}

/** The worked example of section 1: a charge priced by model, with a default. */
function dimensionalScenario(charge: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 2,
    currency: "USD",
    meters: [{ code: "tokens", event_name: "completion", aggregation: "sum", property: "tokens" }],
    plans: [
      {
        code: "pro",
        interval: "month",
        charges: [
          {
            id: "tokens",
            type: "usage",
            meter: "tokens",
            dimensions: ["model"],
            prices: [{ match: { model: "gpt-4" }, model: "per_unit", unit_price: "0.03" }],
            default: { model: "per_unit", unit_price: "0.05" },
            ...charge,
          },
        ],
      },
    ],
    subscription: { plan: "pro", start: "2026-01-01T00:00:00Z", billing: "calendar" },
    events: [
      tokensEvent("e1", "2026-01-02T00:00:00Z", { model: "gpt-4", tokens: 100 }),
      tokensEvent("e2", "2026-01-03T00:00:00Z", { model: "gpt-4", tokens: 50 }),
      tokensEvent("e3", "2026-01-04T00:00:00Z", { model: "claude", tokens: 10 }),
      tokensEvent("e4", "2026-01-05T00:00:00Z", { tokens: 20 }),
    ],
    bill_until: "2026-02-01T00:00:00Z",
  };
}

function linesOf(result: SimulationResult) {
  if (!result.ok) throw new Error(errorsOf(result).join("\n"));
  return result.output.invoices.map((invoice) =>
    invoice.lines.map((line) => ({
      quantity: line.quantity,
      amount: line.amount,
      dimensions: line.dimensions,
      priced_by: line.priced_by,
    })),
  );
}

describe("dimensional prices (section 1)", () => {
  it("bills the worked example: listed combinations first, then the default's by value, no value first (V4, V6)", () => {
    expect(linesOf(simulateScenario(dimensionalScenario()))).toEqual([
      [
        { quantity: "150", amount: "4.50", dimensions: { model: "gpt-4" }, priced_by: undefined },
        { quantity: "20", amount: "1.00", dimensions: { model: null }, priced_by: "default" },
        { quantity: "10", amount: "0.50", dimensions: { model: "claude" }, priced_by: "default" },
      ],
    ]);
  });

  it("refuses each event of a combination no entry lists under reject, by the event's path (V5)", () => {
    expect(errorsOf(simulateScenario(dimensionalScenario({ default: "reject" })))).toEqual([
      '$.events[2]: no price in charge "tokens" of plan "pro" for model "claude"',
      '$.events[3]: no price in charge "tokens" of plan "pro" for model (no value)',
    ]);
  });

  it("does not check events outside billed segments under reject (V5)", () => {
    const scenario = dimensionalScenario({ default: "reject" });
    scenario.events = [tokensEvent("late", "2026-03-05T00:00:00Z", { model: "claude", tokens: 1 })];
    expect(errorsOf(simulateScenario(scenario))).toEqual([]);
  });

  it("compares values by their canonical decimal form, and gives one zero line without events (V3, V6)", () => {
    const scenario = dimensionalScenario({
      prices: [{ match: { model: "1.0" }, model: "per_unit", unit_price: "1" }],
    });
    scenario.events = [
      tokensEvent("a", "2026-01-02T00:00:00Z", { model: 1, tokens: 2 }),
      tokensEvent("b", "2026-01-02T00:00:00Z", { model: "1.00", tokens: 3 }),
    ];
    expect(linesOf(simulateScenario(scenario))).toEqual([
      [{ quantity: "5", amount: "5.00", dimensions: { model: "1" }, priced_by: undefined }],
    ]);
    scenario.events = [];
    expect(linesOf(simulateScenario(scenario))).toEqual([
      [{ quantity: "0", amount: "0.00", dimensions: undefined, priced_by: undefined }],
    ]);
  });

  it("prices each combination on its own, tiers and free units included, over two dimensions (V4)", () => {
    const scenario = dimensionalScenario({
      dimensions: ["model", "region"],
      prices: [
        {
          match: { model: "gpt-4", region: "us" },
          model: "graduated",
          tiers: [
            { up_to: 100, unit_price: "0.10" },
            { up_to: null, unit_price: "0.01" },
          ],
        },
        { match: { model: "gpt-4", region: "eu" }, model: "per_unit", unit_price: "1", free_units: "40" },
      ],
      default: { model: "package", package_size: "100", package_price: "2" },
    });
    scenario.events = [
      tokensEvent("a", "2026-01-02T00:00:00Z", { model: "gpt-4", region: "eu", tokens: 50 }),
      tokensEvent("b", "2026-01-02T00:00:00Z", { model: "gpt-4", region: "us", tokens: 150 }),
      tokensEvent("c", "2026-01-02T00:00:00Z", { model: "b", region: "us", tokens: 150 }),
      tokensEvent("d", "2026-01-02T00:00:00Z", { model: "a", region: "us", tokens: 1 }),
      tokensEvent("e", "2026-01-02T00:00:00Z", { model: "a", tokens: 1 }),
    ];
    expect(linesOf(simulateScenario(scenario))).toEqual([
      [
        {
          quantity: "150",
          amount: "10.50",
          dimensions: { model: "gpt-4", region: "us" },
          priced_by: undefined,
        },
        {
          quantity: "50",
          amount: "10.00",
          dimensions: { model: "gpt-4", region: "eu" },
          priced_by: undefined,
        },
        { quantity: "1", amount: "2.00", dimensions: { model: "a", region: null }, priced_by: "default" },
        { quantity: "1", amount: "2.00", dimensions: { model: "a", region: "us" }, priced_by: "default" },
        { quantity: "150", amount: "4.00", dimensions: { model: "b", region: "us" }, priced_by: "default" },
      ],
    ]);
  });

  it("keeps a weighted_sum level per combination, with a line while it is not 0 (V4, V6)", () => {
    const scenario = dimensionalScenario({
      prices: [{ match: { model: "ssd" }, model: "per_unit", unit_price: "31" }],
      default: { model: "per_unit", unit_price: "62" },
    });
    scenario.meters = [
      { code: "tokens", event_name: "completion", aggregation: "weighted_sum", property: "gb" },
    ];
    scenario.bill_until = "2026-03-01T00:00:00Z";
    scenario.events = [
      tokensEvent("a", "2026-01-01T00:00:00Z", { model: "ssd", gb: 2 }),
      tokensEvent("b", "2026-01-17T00:00:00Z", { model: "hdd", gb: 1 }),
    ];
    expect(linesOf(simulateScenario(scenario))).toEqual([
      [
        { quantity: "2", amount: "62.00", dimensions: { model: "ssd" }, priced_by: undefined },
        // 15 days of 31 at 1 GB, to 12 decimal places.
        { quantity: "0.483870967742", amount: "30.00", dimensions: { model: "hdd" }, priced_by: "default" },
      ],
      [
        { quantity: "2", amount: "62.00", dimensions: { model: "ssd" }, priced_by: undefined },
        { quantity: "1", amount: "62.00", dimensions: { model: "hdd" }, priced_by: "default" },
      ],
    ]);
  });

  it("refuses what section 1 forbids, each at its path (V1, V2)", () => {
    const scenario = dimensionalScenario({
      model: "per_unit",
      unit_price: "1",
      dimensions: ["model", "model"],
      prices: [
        { match: { model: "a" }, model: "per_unit", unit_price: "1" },
        { match: { model: "a", colour: "red" }, model: "per_unit", unit_price: "1" },
        { match: {}, model: "per_unit", unit_price: "1" },
        { match: { model: "a" }, model: "volume", tiers: [] },
      ],
      default: { model: "per_unit" },
    });
    expect(errorsOf(simulateScenario(scenario))).toEqual([
      '$.plans[0].charges[0].unit_price: unknown field "unit_price"',
      "$.plans[0].charges[0].prices[3].tiers: must not be empty",
      "$.plans[0].charges[0].default.unit_price: is required",
      '$.plans[0].charges[0].dimensions[1]: names "model" twice',
      "$.plans[0].charges[0].prices[1].match.colour: is not a dimension of this charge (its dimensions: model, model)",
      '$.plans[0].charges[0].prices[2].match: has no value for dimension "model"',
      "$.plans[0].charges[0].prices[3].match: the same combination as prices[0]",
      "$.plans[0].charges[0].model: a charge with dimensions has no model of its own: each of its prices names one",
    ]);
  });

  it("says that a version-1 document needs version 2 for its dimensions", () => {
    const scenario = dimensionalScenario();
    scenario.version = 1;
    expect(errorsOf(simulateScenario(scenario))).toContain(
      '$.plans[0].charges[0].dimensions: needs version 2 of the scenario format (this document says "version": 1)',
    );
  });
});

/** The worked example of section 2: 25 seats at 30.00 in advance, from 2026-01-01. */
function seatsScenario(
  charge: Record<string, unknown> = {},
  changes: unknown[] = [],
): Record<string, unknown> {
  return {
    version: 2,
    currency: "USD",
    meters: [{ code: "active", event_name: "login", aggregation: "max", property: "users" }],
    plans: [
      {
        code: "team",
        interval: "month",
        charges: [
          {
            id: "seats",
            type: "fixed",
            amount: "30.00",
            timing: "in_advance",
            min_quantity: 5,
            max_quantity: 500,
            ...charge,
          },
        ],
      },
    ],
    subscription: {
      plan: "team",
      start: "2026-01-01T00:00:00Z",
      billing: "calendar",
      quantities: { seats: 25 },
    },
    changes,
    events: [],
    bill_until: "2026-03-01T00:00:00Z",
  };
}

function billed(result: SimulationResult) {
  if (!result.ok) throw new Error(errorsOf(result).join("\n"));
  return result.output.invoices.map((invoice) => [
    invoice.issued_at,
    ...invoice.lines.map((line) => `${line.kind} ${line.quantity} ${line.amount}`),
  ]);
}

describe("quantities on fixed charges (section 2)", () => {
  it("bills the worked example: a prorated increase, a credited decrease on the last day (V9, V13)", () => {
    const changes = [
      { at: "2026-01-16T00:00:00Z", type: "change_quantity", charge: "seats", quantity: 30 },
      { at: "2026-02-28T00:00:00Z", type: "change_quantity", charge: "seats", quantity: 28 },
    ];
    expect(billed(simulateScenario(seatsScenario({ credit_on_decrease: true }, changes)))).toEqual([
      ["2026-01-01T00:00:00Z", "fixed 25 750.00"],
      ["2026-01-16T00:00:00Z", "quantity_change 5 77.42"],
      ["2026-02-01T00:00:00Z", "fixed 30 900.00"],
      ["2026-02-28T00:00:00Z", "quantity_change -2 -2.14"],
      ["2026-03-01T00:00:00Z", "fixed 28 840.00"],
    ]);
    expect(billed(simulateScenario(seatsScenario({}, changes)))).toEqual([
      ["2026-01-01T00:00:00Z", "fixed 25 750.00"],
      ["2026-01-16T00:00:00Z", "quantity_change 5 77.42"],
      ["2026-02-01T00:00:00Z", "fixed 30 900.00"],
      ["2026-03-01T00:00:00Z", "fixed 28 840.00"],
    ]);
  });

  it("bills an in-arrears charge per stretch of constant quantity (V10)", () => {
    const changes = [{ at: "2026-01-11T00:00:00Z", type: "change_quantity", charge: "seats", quantity: 10 }];
    const scenario = seatsScenario({ timing: "in_arrears", amount: "31.00" }, changes);
    scenario.bill_until = "2026-02-01T00:00:00Z";
    // 25 seats for 10 days, then 10 for 21 days, of 31.
    expect(billed(simulateScenario(scenario))).toEqual([
      ["2026-02-01T00:00:00Z", "fixed 25 250.00", "fixed 10 210.00"],
    ]);
  });

  it("takes a quantity from a max meter, within the bounds (V12)", () => {
    const scenario = seatsScenario({ timing: "in_arrears", quantity_meter: "active", min_quantity: 5 });
    scenario.subscription = { plan: "team", start: "2026-01-01T00:00:00Z", billing: "calendar" };
    scenario.bill_until = "2026-03-01T00:00:00Z";
    scenario.events = [
      { id: "a", name: "login", timestamp: "2026-01-05T00:00:00Z", properties: { users: 12 } },
      { id: "b", name: "login", timestamp: "2026-01-06T00:00:00Z", properties: { users: 7 } },
    ];
    expect(billed(simulateScenario(scenario))).toEqual([
      ["2026-02-01T00:00:00Z", "fixed 12 360.00"],
      ["2026-03-01T00:00:00Z", "fixed 5 150.00"],
    ]);
  });

  it("credits a plan change at the quantity in force, and keeps it on the new plan's charge of the same id (V11)", () => {
    const scenario = seatsScenario();
    (scenario.plans as unknown[]).push({
      code: "business",
      interval: "month",
      charges: [{ id: "seats", type: "fixed", amount: "62.00" }],
    });
    scenario.changes = [{ at: "2026-01-16T00:00:00Z", type: "change_plan", plan: "business" }];
    scenario.bill_until = "2026-02-01T00:00:00Z";
    // 25 × 30 × 16/31 = 387.10 back; 25 × 62 × 16/31 = 800.00.
    expect(billed(simulateScenario(scenario))).toEqual([
      ["2026-01-01T00:00:00Z", "fixed 25 750.00"],
      ["2026-01-16T00:00:00Z", "proration_credit 25 -387.10", "fixed 25 800.00"],
      ["2026-02-01T00:00:00Z", "fixed 25 1550.00"],
    ]);
  });

  it("says that a version-1 document needs version 2 for quantities", () => {
    const scenario = seatsScenario({}, [
      { at: "2026-01-16T00:00:00Z", type: "change_quantity", charge: "seats", quantity: 30 },
    ]);
    scenario.version = 1;
    expect(errorsOf(simulateScenario(scenario))).toEqual([
      '$.plans[0].charges[0].min_quantity: needs version 2 of the scenario format (this document says "version": 1)',
      '$.plans[0].charges[0].max_quantity: needs version 2 of the scenario format (this document says "version": 1)',
      '$.subscription.quantities: needs version 2 of the scenario format (this document says "version": 1)',
      '$.changes[0].type: needs version 2 of the scenario format (this document says "version": 1)',
    ]);
  });
});

describe("usage billed in advance (section 3)", () => {
  function advanceScenario(events: unknown[]): Record<string, unknown> {
    return {
      version: 2,
      currency: "USD",
      meters: [{ code: "api_calls", event_name: "api_call", aggregation: "count" }],
      plans: [
        {
          code: "pro",
          interval: "month",
          minimum_commitment: "20.00",
          charges: [
            {
              id: "calls",
              type: "usage",
              meter: "api_calls",
              model: "graduated",
              timing: "in_advance",
              tiers: [
                { up_to: 1000, unit_price: "0.01" },
                { up_to: null, unit_price: "0.005" },
              ],
            },
          ],
        },
      ],
      subscription: { plan: "pro", start: "2026-01-01T00:00:00Z", billing: "calendar" },
      instant_window_minutes: 30,
      events,
      bill_until: "2026-02-01T01:00:00Z",
    };
  }
  const call = (id: string, timestamp: string, receivedAt?: string) => ({
    id,
    name: "api_call",
    timestamp,
    ...(receivedAt === undefined ? {} : { received_at: receivedAt }),
  });

  it("bills each window's growth of the period's price, once per id, late events in their own period (V16–V18)", () => {
    const events = [
      call("a", "2026-01-03T10:05:00Z"),
      call("b", "2026-01-03T10:20:00Z"),
      call("a", "2026-01-03T10:40:00Z"),
      call("c", "2026-01-31T23:59:00Z", "2026-02-01T00:10:00Z"),
    ];
    expect(billed(simulateScenario(advanceScenario(events)))).toEqual([
      ["2026-01-03T10:30:00Z", "usage_in_advance 2 0.02"],
      // January's minimum counts the usage invoiced by its end (V13a): 20.00 − 0.02.
      ["2026-02-01T00:00:00Z", "minimum_true_up 1 19.98"],
      ["2026-02-01T00:30:00Z", "usage_in_advance 1 0.01"],
    ]);
  });

  it("refuses a received_at before the timestamp, and a meter that is not count or sum (V14, V15)", () => {
    const scenario = advanceScenario([call("a", "2026-01-03T10:05:00Z", "2026-01-03T10:00:00Z")]);
    scenario.meters = [{ code: "api_calls", event_name: "api_call", aggregation: "max", property: "n" }];
    expect(errorsOf(simulateScenario(scenario))).toEqual([
      '$.plans[0].charges[0].timing: usage billed in advance needs a count or sum meter, and meter "api_calls" is "max"',
      "$.events[0].received_at: must not be before the timestamp (2026-01-03T10:05:00Z)",
    ]);
  });
});

describe("pricing units and allowances (section 4)", () => {
  it("says that a version-1 document needs version 2 for units, allowances and a contract", () => {
    const scenario = {
      version: 1,
      currency: "USD",
      meters: [{ code: "images", event_name: "image", aggregation: "count" }],
      pricing_units: [{ code: "credits", rate: "0.01" }],
      plans: [
        {
          code: "ai",
          interval: "month",
          allowances: [{ unit: "credits", amount: "1000" }],
          charges: [imagesAtFourCredits()],
        },
      ],
      subscription: { plan: "ai", start: "2026-01-01T00:00:00Z" },
      contract: { start: "2026-01-01T00:00:00Z", end: "2027-01-01T00:00:00Z" },
      events: [],
      bill_until: "2026-02-01T00:00:00Z",
    };
    const needs = 'needs version 2 of the scenario format (this document says "version": 1)';
    expect(errorsOf(simulateScenario(scenario))).toEqual([
      `$.plans[0].allowances: ${needs}`,
      `$.plans[0].charges[0].unit: ${needs}`,
      `$.contract: ${needs}`,
      `$.pricing_units: ${needs}`,
    ]);
  });
});
