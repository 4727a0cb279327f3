// How a request's credential becomes a person: an API key answers for its
// holder (the person, or the owner of the service account that holds it); a
// session for the person who signed in. The composition root hands these to
// the HTTP server's authentication.
import { authenticateApiKey } from "../organizations/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Database } from "../platform/database/schema.ts";
import type { Principal, SessionPrincipal } from "../platform/http/principal.ts";
import { authenticateSessionToken } from "./sessions.ts";
import { accountablePerson, loadUser } from "./users.ts";

export type PersonAuthentication = {
  authenticate: (secret: string) => Promise<Principal | undefined>;
  authenticateSession: (
    token: string,
    environment: "test" | "live" | undefined,
  ) => Promise<SessionPrincipal | undefined>;
};

export function personAuthentication(database: Database, clock: Clock): PersonAuthentication {
  return {
    authenticate: async (secret) => {
      const key = await authenticateApiKey(database, secret, clock.now());
      if (key === undefined) return undefined;
      const holder = await loadUser(database, key.organizationId, key.userId);
      if (holder.disabled_at !== null) return undefined;
      return {
        credential: { type: "api_key", id: key.apiKeyId },
        person: await accountablePerson(database, holder),
        organizationId: key.organizationId,
        environmentId: key.environmentId,
        environmentKind: key.environmentKind,
        role: key.role,
      };
    },
    authenticateSession: (token, environment) =>
      authenticateSessionToken(database, token, environment, clock.now()),
  };
}
