// The front door of contracts: a customer's negotiated deal around one or
// more of its subscriptions (term, renewal, ramps, rate card, commits), amended
// by effective-dated versions of its terms, and what the bill run reads and
// keeps of it.
// Other domains import only from here; everything else in the folder is private to it.
export {
  type ContractForBilling,
  contractsOfSubscriptions,
  giveBackVoidedDraws,
  lockContractLedgers,
  recordContractSettlement,
} from "./contract-ledgers.ts";
export { registerContractRoutes } from "./contract-routes.ts";
export type { CreateContractInput } from "./contract-schemas.ts";
export { contractWebhookEvents } from "./contract-webhook-events.ts";
export { createContract, getContract } from "./contracts.ts";
export { contractWarehouseRows } from "./warehouse-rows.ts";
