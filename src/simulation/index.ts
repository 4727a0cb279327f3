// The front door of simulation: the scenario format of `fairbill simulate` and
// POST /v1/simulations, checked by the pricing language and run through the
// billing engine.
// Other domains import only from here; everything else in the folder is private to it.
export {
  type OutputInvoice,
  type OutputTotals,
  outputLine,
  outputTotals,
  type ScenarioOutput,
} from "./scenario-output.ts";
export { simulateScenario, startScenarioSimulation } from "./simulate-scenario.ts";
export { registerSimulationRoutes } from "./simulation-routes.ts";
