// Who is calling: what an API key (or, later, a portal token) resolves to.
import type { Permission, Role } from "../auth/roles.ts";
import type { RequestContext } from "../context.ts";

export type Principal = {
  apiKeyId: string;
  organizationId: string;
  environmentId: string;
  environmentKind: "test" | "live";
  role: Role;
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
     * A provider's webhook route (no API key: the route checks the provider's
     * signature itself): its context is the environment named by this path parameter.
     */
    providerWebhook?: { provider: string; environmentParameter: string };
  }
}
