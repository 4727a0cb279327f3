// The front door of organizations: organizations and their environments, API
// keys, and each environment's clock (the test clock).
// Other domains import only from here; everything else in the folder is private to it.
export { type ApiKeyOwner, apiKeyRoutes } from "./api-key-routes.ts";
export {
  type ApiKey,
  type AuthenticatedApiKey,
  apiKeyHolders,
  authenticateApiKey,
  createApiKey,
  listApiKeys,
  type NewApiKey,
  revokeApiKey,
} from "./api-keys.ts";
export {
  type EnvironmentJobOptions,
  environmentJobContext,
  environmentJobHandler,
} from "./environment-jobs.ts";
export {
  allEnvironmentScopes,
  createOrganization,
  describeEnvironment,
  findEnvironmentScope,
  findOrCreateDefaultOrganization,
  loadOrganization,
  type Organization,
} from "./organizations.ts";
export type { EnvironmentKind } from "./tables.ts";
export {
  clockForEnvironment,
  frozenClock,
  moveTestClockForward,
  readTestClock,
  resetTestClock,
  setTestClock,
  type TestClock,
} from "./test-clock.ts";
