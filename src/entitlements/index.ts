// The front door of entitlements: what a customer may use now, from its plans
// and direct grants, and its routes.
// Other domains import only from here; everything else in the folder is private to it.
export { registerEntitlementRoutes } from "./entitlement-routes.ts";
