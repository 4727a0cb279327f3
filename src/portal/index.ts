// The front door of the customer portal: its page and its token-based API.
// Other domains import only from here; everything else in the folder is private to it.
export { portalPageExtension } from "./portal-page.ts";
export { registerPortalRoutes } from "./portal-routes.ts";
export { portalSecretColumns } from "./portal-tokens.ts";
