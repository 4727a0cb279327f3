// The front door of customers: the customer record and its lookups.
// Other domains import only from here; everything else in the folder is private to it.
export { registerCustomerRoutes } from "./customer-routes.ts";
export type { CreateCustomerInput, Customer } from "./customer-schemas.ts";
export { customerUpdated, customerWebhookEvents } from "./customer-webhook-events.ts";
export { findCustomerByExternalId, getCustomer, lockCustomer } from "./customers.ts";
export type { CustomerTable } from "./tables.ts";
