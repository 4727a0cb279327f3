// The front door of integrations: connections to accounting systems (Xero,
// QuickBooks Online, NetSuite) and CRMs (HubSpot, Salesforce), their
// mappings, the sync log and error queue with each object's external links,
// the CRM deals that become draft contracts, the subscribers that sync
// invoices, payments, refunds and credit notes after invoicing's domain
// events, the jobs that make the calls, and the scheduled warehouse export.
// Other domains import only from here; everything else in the folder is private to it.
export { integrationSecretColumns } from "./connections.ts";
export { integrationJobHandlers } from "./integration-jobs.ts";
export { registerIntegrationRoutes } from "./integration-routes.ts";
export { integrationSubscribers } from "./integration-subscribers.ts";
export { integrationWebhookEvents } from "./integration-webhook-events.ts";
export { warehouseSecretColumns } from "./warehouse-destinations.ts";
export { registerWarehouseRoutes } from "./warehouse-routes.ts";
