// The front door of billing entities: the legal entities an organization
// invoices through, and which one each customer belongs to from when.
// Other domains import only from here; everything else in the folder is private to it.
export type { BillingEntityRecord } from "./billing-entities.ts";
export { registerBillingEntityRoutes } from "./billing-entity-routes.ts";
export {
  type BillingEntityDirectory,
  billingEntityById,
  billingEntityDirectory,
  billingEntityOfCustomer,
  hasBillingEntities,
} from "./customer-assignments.ts";
