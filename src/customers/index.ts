// The front door of customers: the customer record and its lookups.
// Other domains import only from here; everything else in the folder is private to it.

export {
  type CustomerRecord,
  type CustomerReference,
  customerRecordsByIds,
  customerReferencesByExternalIds,
  customerReferencesByIds,
  findCustomerRecord,
  hasAnyCustomer,
  loadCustomerRecord,
} from "./customer-records.ts";
export { registerCustomerRoutes } from "./customer-routes.ts";
export type { CreateCustomerInput, Customer } from "./customer-schemas.ts";
export { customerUpdated, customerWebhookEvents } from "./customer-webhook-events.ts";
export {
  createCustomer,
  findCustomerByExternalId,
  getCustomer,
  lockCustomer,
  lockCustomers,
} from "./customers.ts";
export type { BillingAddress } from "./tables.ts";
export { customerWarehouseRows } from "./warehouse-rows.ts";
