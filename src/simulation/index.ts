// The front door of simulation: the scenario format of `fairbill simulate` and
// POST /v1/simulations, run through the billing engine.
// Other domains import only from here; everything else in the folder is private to it.
export { type OutputInvoice, outputLine, type ScenarioOutput } from "./scenario-output.ts";
export {
  AGGREGATIONS,
  chargeSchemas,
  INTERVALS,
  meter,
  type ScenarioCharge,
  tiers,
} from "./scenario-schema.ts";
export { array, childPath, describe, INVALID, IssueCollector, type JsonPath, ROOT } from "./schema.ts";
export { simulateScenario, startScenarioSimulation } from "./simulate-scenario.ts";
export { registerSimulationRoutes } from "./simulation-routes.ts";
export { toCharge, toMeter } from "./to-core.ts";
