// The front door of single sign-on: an organization's connection to its
// OpenID Connect provider, and signing people in through it (authorization
// code with PKCE), provisioned by people on their first sign-in.
// Other domains import only from here; everything else in the folder is private to it.

export { singleSignOnSecretColumns } from "./connections.ts";
export { type SingleSignOnRouteOptions, singleSignOnRoutes } from "./single-sign-on-routes.ts";
