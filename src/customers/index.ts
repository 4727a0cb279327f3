// The front door of customers: the customer record and its lookups.
// Other domains import only from here; everything else in the folder is private to it.

export {
  type CustomerRecord,
  type CustomerReference,
  childCustomerRecords,
  customerRecordsByIds,
  customerReferencesByExternalIds,
  customerReferencesByIds,
  findCustomerRecord,
  hasAnyCustomer,
  invoicedCustomerIds,
  loadCustomerRecord,
} from "./customer-records.ts";
export { customerRoutes } from "./customer-routes.ts";
export type { CreateCustomerInput, Customer } from "./customer-schemas.ts";
export { customerUpdated, customerWebhookEvents } from "./customer-webhook-events.ts";
export {
  createCustomer,
  findCustomerByExternalId,
  getCustomer,
  listCustomers,
  lockCustomer,
  lockCustomers,
  updateCustomer,
} from "./customers.ts";
export type { BillingAddress, ChildBilling } from "./tables.ts";
export { customerWarehouseRows } from "./warehouse-rows.ts";
