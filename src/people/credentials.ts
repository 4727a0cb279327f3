// How a request's credential becomes a person: an API key answers for its
// holder (the person, or the owner of the service account that holds it); a
// session for the person who signed in. The composition root hands these to
// the HTTP server's authentication.
import { authenticateApiKey } from "../organizations/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Person } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { Principal, SessionPrincipal } from "../platform/http/principal.ts";
import { authenticateSessionToken } from "./sessions.ts";
import { accountablePerson, keyHolderCache, loadUser } from "./users.ts";

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
      const holder = await keyHolderCache.read(database, key.organizationId, key.userId, () =>
        keyHolder(database, key.organizationId, key.userId),
      );
      if (holder.disabled) return undefined;
      return {
        credential: { type: "api_key", id: key.apiKeyId },
        person: holder.person,
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

/** Whether a key's holder is disabled, and the person who answers for it. */
async function keyHolder(
  database: Database,
  organizationId: string,
  userId: string,
): Promise<{ disabled: boolean; person: Person }> {
  const holder = await loadUser(database, organizationId, userId);
  return { disabled: holder.disabled_at !== null, person: await accountablePerson(database, holder) };
}
