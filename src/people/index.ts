// The front door of people: users (persons and service accounts), their roles
// per environment, sign-in with password and second factor, sessions,
// invitations and password resets, and the person behind every key and
// session.
// Other domains import only from here; everything else in the folder is private to it.
export { type PersonAuthentication, personAuthentication } from "./credentials.ts";
export { firstAdminLink } from "./first-admin.ts";
export { type IdentitySignIn, signInWithIdentity } from "./identity-sign-in.ts";
export { createCommandLineKey, type LocalKeyAccess } from "./local-keys.ts";
export { environmentAdmins } from "./memberships.ts";
export { type PeopleRouteOptions, peopleRoutes, setSessionCookies } from "./people-routes.ts";
export { secondFactorSecretColumns } from "./second-factor.ts";
export { createServiceAccountKey, type ServiceAccountKeyInput } from "./service-accounts.ts";
export type { SignedIn } from "./sign-in.ts";
export { keyOwners } from "./users.ts";
