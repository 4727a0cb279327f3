// One pricing language: a charge with one thing wrong is refused by the API
// (POST /v1/plans, validated by Fastify with the pricing schema, then the
// pricing rules) and by the scenario format (`fairbill simulate`) at the same
// paths inside the charge. (A null in an optional field is not generated: a
// scenario reads it as left out, by the format's own rule.)
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateScenario } from "../../src/simulation/index.ts";
import { startTestAppWithTenant, type TestApp, type TestTenant } from "../support/test-app.ts";

let testApp: TestApp;
let tenant: TestTenant;

const meters = [
  { code: "calls", event_name: "call", aggregation: "count" },
  { code: "payments", event_name: "payment", aggregation: "sum", property: "amount" },
];

beforeAll(async () => {
  ({ testApp, tenant } = await startTestAppWithTenant({ tenantName: "Pricing errors" }));
  for (const meter of meters) {
    const created = await tenant.admin.post("/v1/meters", { ...meter, name: meter.code });
    expect(created.status).toBe(201);
  }
});
afterAll(async () => testApp?.close());

type Charge = Record<string, unknown>;

const validCharges: Charge[] = [
  { id: "base", type: "fixed", amount: "49.00", timing: "in_arrears", prorate: false },
  { id: "calls", type: "usage", meter: "calls", model: "per_unit", unit_price: "0.01", free_units: 100 },
  {
    id: "bundles",
    type: "usage",
    meter: "calls",
    model: "package",
    package_size: "1000",
    package_price: "5",
  },
  {
    id: "steps",
    type: "usage",
    meter: "calls",
    model: "graduated",
    tiers: [
      { up_to: 1000, unit_price: "0" },
      { up_to: 10000, unit_price: "0.002", flat_fee: "1.00" },
      { up_to: null, unit_price: "0.001" },
    ],
  },
  {
    id: "bulk",
    type: "usage",
    meter: "calls",
    model: "volume",
    tiers: [
      { up_to: 100, unit_price: "0.05" },
      { up_to: null, unit_price: "0.04" },
    ],
  },
  {
    id: "fees",
    type: "usage",
    meter: "payments",
    model: "percentage",
    rate: "2.9",
    fixed_fee: "0.30",
    per_transaction_min: "0.50",
    per_transaction_max: "10",
  },
];

const wrongValues = fc.constantFrom<unknown>(-1, 1.5, "x", "", "-1.00", "1e3", true, [], {}, "a b", 0);

/** One thing wrong with a valid charge. */
const brokenCharge = fc.constantFrom(...validCharges).chain((valid) => {
  const fields = Object.keys(valid);
  const tiers = Array.isArray(valid.tiers) ? (valid.tiers as Charge[]) : undefined;
  const faults: fc.Arbitrary<Charge>[] = [
    fc.tuple(fc.constantFrom(...fields), wrongValues).map(([field, value]) => ({ ...valid, [field]: value })),
    fc
      .constantFrom(...fields)
      .map((field) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== field))),
    fc
      .constantFrom("colour", "vat", "unit_price", "tiers")
      .map((field) => ({ ...valid, [field]: field === "tiers" ? [] : "1" })),
  ];
  if (valid.type === "usage") {
    // A meter that does not exist; a percentage charge on a count meter.
    faults.push(fc.constant({ ...valid, meter: "ghost" }), fc.constant({ ...valid, meter: "calls" }));
  }
  if (tiers !== undefined) {
    faults.push(
      fc
        .tuple(
          fc.nat({ max: tiers.length - 1 }),
          fc.constantFrom("up_to", "unit_price", "flat_fee"),
          wrongValues,
        )
        .map(([index, field, value]) => ({
          ...valid,
          tiers: tiers.map((tier, at) => (at === index ? { ...tier, [field]: value } : tier)),
        })),
      fc.constant({ ...valid, tiers: [...tiers].reverse() }),
    );
  }
  return fc.oneof(...faults);
});

/** The paths of the errors inside the charge, relative to it, each once. */
function pathsUnder(errors: { path: string }[], prefix: string): string[] {
  return [
    ...new Set(
      errors.filter((error) => error.path.startsWith(prefix)).map((error) => error.path.slice(prefix.length)),
    ),
  ].sort();
}

describe("a charge with one thing wrong", () => {
  it("is refused by the API and by a scenario at the same paths", async () => {
    let plans = 0;
    await fc.assert(
      fc.asyncProperty(brokenCharge, async (charge) => {
        const scenario = simulateScenario({
          version: 1,
          currency: "USD",
          meters,
          plans: [{ code: "pro", interval: "month", charges: [charge] }],
          subscription: { plan: "pro", start: "2026-01-01T00:00:00Z" },
          events: [],
          bill_until: "2026-02-01T00:00:00Z",
        });
        plans += 1;
        const api = await tenant.admin.post("/v1/plans", {
          code: `plan_${plans}`,
          name: "Broken",
          version: { currency: "USD", interval: "month", charges: [charge] },
        });
        const scenarioPaths = scenario.ok ? [] : pathsUnder([...scenario.errors], "$.plans[0].charges[0]");
        const apiPaths = api.status === 400 ? pathsUnder(api.body.errors, "$.version.charges[0]") : [];
        expect(apiPaths, `${JSON.stringify(charge)}: ${JSON.stringify(api.body.errors)}`).toEqual(
          scenarioPaths,
        );
        if (scenarioPaths.length > 0) expect(api.status).toBe(400);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
