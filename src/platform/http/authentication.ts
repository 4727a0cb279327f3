// Checks the API key of every route that names a permission, before the body
// is even read: a missing, malformed, unknown, revoked or expired key, or one
// from another environment than the `Fairbill-Environment` header asks for,
// gets 401; a role without the permission gets 403.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { roleAllows } from "../auth/roles.ts";
import type { Clock } from "../clock.ts";
import type { RequestContext, TenantScope } from "../context.ts";
import type { Database } from "../database/schema.ts";
import { forbidden, notFound, unauthorized } from "../errors.ts";
import type { Principal } from "./principal.ts";

export type Authenticate = (secret: string) => Promise<Principal | undefined>;

export type AuthenticationOptions = {
  database: Database;
  authenticate: Authenticate;
  clockFor: (scope: TenantScope) => Promise<Clock>;
  /** The organization of an environment, or undefined when there is no such environment (organizations answers). */
  findEnvironment: (environmentId: string) => Promise<TenantScope | undefined>;
};

/**
 * The check of a route whose callers hold no API key (the customer portal's
 * signed links): it returns the caller's context or throws 401/403.
 */
export type CallerAuthenticator = (
  request: FastifyRequest,
  services: Pick<AuthenticationOptions, "database" | "clockFor" | "findEnvironment">,
) => Promise<RequestContext>;

declare module "fastify" {
  interface FastifyContextConfig {
    /** Authenticates the route's callers instead of an API key (see CallerAuthenticator). */
    authenticateCaller?: CallerAuthenticator;
  }
}

export function registerAuthentication(app: FastifyInstance, options: AuthenticationOptions): void {
  app.decorateRequest("principal", undefined);
  app.decorateRequest("context", undefined as unknown as RequestContext);
  app.addHook("onRequest", async (request) => {
    const webhook = request.routeOptions.config.providerWebhook;
    if (webhook !== undefined) {
      request.context = await providerWebhookContext(request, options, webhook);
      return;
    }
    const permission = request.routeOptions.config.permission;
    if (permission === undefined) return;
    const principal = await authenticateRequest(request, options.authenticate);
    if (!roleAllows(principal.role, permission)) {
      throw forbidden(
        `A key with the ${principal.role} role cannot do this: it needs the ${permission} permission.`,
      );
    }
    request.principal = principal;
    const scope = { organizationId: principal.organizationId, environmentId: principal.environmentId };
    request.context = {
      ...scope,
      database: options.database,
      actor: { type: "api_key", apiKeyId: principal.apiKeyId, role: principal.role },
      requestId: request.id,
      reason: readReason(request),
      clock: await options.clockFor(scope),
      logger: request.log,
    };
  });
  // Once the body is read, so that a malformed body is answered as such whoever sends it.
  app.addHook("preValidation", async (request) => {
    const authenticateCaller = request.routeOptions.config.authenticateCaller;
    if (authenticateCaller !== undefined) request.context = await authenticateCaller(request, options);
  });
}

async function authenticateRequest(request: FastifyRequest, authenticate: Authenticate): Promise<Principal> {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === "") {
    throw unauthorized('Send your API key in the header "Authorization: Bearer <key>".');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized('The Authorization header must read "Bearer <key>".');
  const principal = await authenticate(match[1]);
  if (principal === undefined)
    throw unauthorized("This API key is not valid: it is unknown, revoked or expired.");
  const askedEnvironment = request.headers["fairbill-environment"];
  if (askedEnvironment !== undefined && askedEnvironment !== principal.environmentKind) {
    throw unauthorized(
      `This API key belongs to the ${principal.environmentKind} environment, not to "${String(askedEnvironment)}".`,
    );
  }
  return principal;
}

/**
 * The context of a provider's webhook: the environment its path names, acting
 * as the provider. Nothing is trusted yet; the route verifies the signature.
 */
async function providerWebhookContext(
  request: FastifyRequest,
  options: AuthenticationOptions,
  webhook: { provider: string; environmentParameter: string },
): Promise<RequestContext> {
  const environmentId =
    (request.params as Record<string, string | undefined>)[webhook.environmentParameter] ?? "";
  const scope = await options.findEnvironment(environmentId);
  if (scope === undefined) throw notFound("environment", environmentId);
  return {
    ...scope,
    database: options.database,
    actor: { type: "system", name: `${webhook.provider} webhook` },
    requestId: request.id,
    reason: undefined,
    clock: await options.clockFor(scope),
    logger: request.log,
  };
}

function readReason(request: FastifyRequest): string | undefined {
  const header = request.headers["fairbill-reason"];
  const reason = Array.isArray(header) ? header.join(" ") : header;
  return reason === undefined || reason.trim() === "" ? undefined : reason.trim().slice(0, 1000);
}
