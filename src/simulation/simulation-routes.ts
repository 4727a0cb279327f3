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
      body: Scenario,
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
