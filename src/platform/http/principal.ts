// Who is calling: the person behind an API key or a signed-in session, the
// credential used, and the environment and role the request acts in.
import type { Permission, Role } from "../auth/roles.ts";
import type { Person, RequestContext } from "../context.ts";

/** The key or the session a request was authenticated with. */
export type Credential = { type: "api_key"; id: string } | { type: "session"; id: string };

export type Principal = {
  credential: Credential;
  /** The person accountable for the request (the owner of a service account's key). */
  person: Person;
  organizationId: string;
  environmentId: string;
  environmentKind: "test" | "live";
  role: Role;
};

/** What a signed-in session adds: the check of its writes, and whether it still owes a second factor. */
export type SessionPrincipal = Principal & {
  credential: { type: "session"; id: string };
  /** True when the CSRF token sent matches the session's. */
  csrfTokenMatches: (token: string) => boolean;
  /** The organization requires a second factor that this person has not set up yet: only account routes are open. */
  secondFactorEnrolmentRequired: boolean;
};

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the authentication hook on every route that names a permission. */
    principal: Principal | undefined;
    /** The use-case context of an authenticated request. */
    context: RequestContext;
  }
  interface FastifyContextConfig {
    /** The permission a route needs; a route without one is public. */
    permission?: Permission;
    /**
     * A route any signed-in caller may use whatever their role (their own
     * account: me, sessions, second factor), instead of a permission.
     */
    signedIn?: true;
    /**
     * A provider's webhook route (no API key: the route checks the provider's
     * signature itself): its context is the environment named by this path parameter.
     */
    providerWebhook?: { provider: string; environmentParameter: string };
  }
}
