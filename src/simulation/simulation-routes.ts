// POST /v1/simulations: the invoices the billing engine would issue for a
// scenario document (the format of `fairbill simulate`), computed by the same
// engine as live invoices and touching no stored data.
import { Type } from "typebox";
import { validationFailed } from "../platform/errors.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { DecimalString, Timestamp } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { Scenario } from "./scenario-schema.ts";
import { simulateScenario } from "./simulate-scenario.ts";

const SimulatedLine = Type.Object({
  charge: Type.String(),
  kind: Type.String({ description: "fixed, usage, proration_credit or minimum_true_up" }),
  period_start: Timestamp,
  period_end: Timestamp,
  quantity: Type.String(),
  amount: DecimalString,
  details: Type.Record(Type.String(), Type.Unknown(), {
    description: "where the line comes from: meter, events, tiers, proration factor, plan",
  }),
});

const SimulatedInvoice = Type.Object({
  issued_at: Timestamp,
  currency: Type.String(),
  lines: Type.Array(SimulatedLine),
  subtotal: DecimalString,
  discount: DecimalString,
  credits: DecimalString,
  tax: DecimalString,
  total: DecimalString,
  balance_applied: DecimalString,
  amount_due: DecimalString,
});

/** The example of the document: a plan with a fee and graduated usage, billed for its first month. */
const exampleScenario = {
  version: 1,
  currency: "USD",
  meters: [{ code: "tokens", event_name: "completion", aggregation: "sum", property: "tokens" }],
  plans: [
    {
      code: "pro",
      interval: "month",
      charges: [
        { id: "base", type: "fixed", amount: "49.00", timing: "in_advance" },
        {
          id: "tokens",
          type: "usage",
          meter: "tokens",
          model: "graduated",
          tiers: [
            { up_to: 100000, unit_price: "0" },
            { up_to: null, unit_price: "0.0001" },
          ],
        },
      ],
    },
  ],
  subscription: { plan: "pro", start: "2026-01-15T00:00:00Z" },
  events: [
    { id: "e1", name: "completion", timestamp: "2026-01-20T10:00:00Z", properties: { tokens: 140000 } },
  ],
  bill_until: "2026-02-15T00:00:00Z",
};

export function registerSimulationRoutes(app: FairbillApp): void {
  const routes = defineRoutes(app, { tags: ["Simulations"], read: "simulations:run" });

  routes.read(
    "POST /simulations",
    {
      operationId: "simulateScenario",
      summary: "Compute the invoices a scenario would produce, without storing anything",
      // A scenario carries its events; allow larger bodies than the 1 MiB default.
      bodyLimit: 16 * 1024 * 1024,
      // The body is checked by simulateScenario with the scenario schema and
      // its rules, which report every problem at once (as `fairbill simulate`
      // does); the schema here documents it.
      validatorCompiler: () => () => true,
      body: { ...Scenario, examples: [exampleScenario] } as typeof Scenario,
      response: Type.Object({ invoices: Type.Array(SimulatedInvoice) }),
    },
    ({ body }) => {
      const result = simulateScenario(body);
      if (!result.ok) {
        throw validationFailed(
          result.errors.map((error) => ({ path: error.path, message: error.message })),
          `The scenario has ${result.errors.length} problem(s); see errors.`,
        );
      }
      return result.output;
    },
  );
}
