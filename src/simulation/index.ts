// The front door of simulation: the scenario format of `fairbill simulate` and
// POST /v1/simulations, checked by the pricing language and run through the
// billing engine.
// Other domains import only from here; everything else in the folder is private to it.

// Contracts are written in the scenario format's words (section 5): the live API checks and converts them the same way.
export {
  CommitSchema,
  type ContractDocument,
  contractFitsScenario,
  RateCardEntrySchema,
  ScenarioContract,
  toCoreContract,
} from "./scenario-contract.ts";
export type { ScenarioContext } from "./scenario-fields.ts";
export {
  type OutputAllowance,
  type OutputInvoice,
  type OutputTotals,
  outputAllowance,
  outputLine,
  outputTotals,
  type ScenarioOutput,
} from "./scenario-output.ts";
export { simulateScenario, startScenarioSimulation } from "./simulate-scenario.ts";
export { registerSimulationRoutes } from "./simulation-routes.ts";
