// Checks the caller of every route that names a permission (or is open to
// anyone signed in), before the body is even read. A caller is authenticated
// by an API key (`Authorization: Bearer <key>`) or by the session cookie of a
// person who signed in; a write made with a session cookie must also send the
// session's CSRF token in the `X-CSRF-Token` header (the `fairbill_csrf`
// cookie holds it for the console), so that another site cannot make the
// browser write. A missing, malformed, unknown, revoked or expired credential,
// or a key from another environment than the `Fairbill-Environment` header
// asks for, gets 401; a role without the permission gets 403.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { roleAllows } from "../auth/roles.ts";
import type { Clock } from "../clock.ts";
import type { RequestContext, TenantScope } from "../context.ts";
import type { Database } from "../database/schema.ts";
import { databaseOfTenant } from "../database/tenant-sessions.ts";
import { FairbillError, forbidden, notFound, unauthorized, validationFailed } from "../errors.ts";
import type { Principal, SessionPrincipal } from "./principal.ts";

export type Authenticate = (secret: string) => Promise<Principal | undefined>;

/**
 * The principal of a session token in the environment the request asks for
 * (`Fairbill-Environment`; the person's own default when absent), or undefined
 * for a token that is unknown, revoked or expired. Throws 403 when the person
 * has no role in that environment.
 */
export type AuthenticateSession = (
  token: string,
  environment: "test" | "live" | undefined,
) => Promise<SessionPrincipal | undefined>;

/** The cookie that carries a signed-in person's session token (HttpOnly). */
export const sessionCookieName = "fairbill_session";
/** The cookie that carries the session's CSRF token, readable by the console's script. */
export const csrfCookieName = "fairbill_csrf";
const csrfHeaderName = "x-csrf-token";
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export type AuthenticationOptions = {
  database: Database;
  authenticate: Authenticate;
  authenticateSession: AuthenticateSession;
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
    const { permission, signedIn } = request.routeOptions.config;
    if (permission === undefined && signedIn !== true) return;
    const principal = await authenticateRequest(request, options);
    if (permission !== undefined && !roleAllows(principal.role, permission)) {
      const caller = principal.credential.type === "api_key" ? "A key" : "A person";
      throw forbidden(
        `${caller} with the ${principal.role} role cannot do this: it needs the ${permission} permission.`,
      );
    }
    request.principal = principal;
    const scope = { organizationId: principal.organizationId, environmentId: principal.environmentId };
    request.context = {
      ...scope,
      database: databaseOfTenant(options.database, scope),
      actor: actorOf(principal),
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

function actorOf(principal: Principal): RequestContext["actor"] {
  const { credential, role, person } = principal;
  return credential.type === "api_key"
    ? { type: "api_key", apiKeyId: credential.id, role, person }
    : { type: "session", sessionId: credential.id, role, person };
}

async function authenticateRequest(
  request: FastifyRequest,
  options: AuthenticationOptions,
): Promise<Principal> {
  const header = request.headers.authorization;
  const sessionToken = request.cookies?.[sessionCookieName];
  if ((header === undefined || header.trim() === "") && sessionToken !== undefined && sessionToken !== "") {
    return authenticateSessionRequest(request, sessionToken, options.authenticateSession);
  }
  if (header === undefined || header.trim() === "") {
    throw unauthorized('Sign in, or send your API key in the header "Authorization: Bearer <key>".');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized('The Authorization header must read "Bearer <key>".');
  const principal = await options.authenticate(match[1]);
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

async function authenticateSessionRequest(
  request: FastifyRequest,
  token: string,
  authenticateSession: AuthenticateSession,
): Promise<Principal> {
  const asked = request.headers["fairbill-environment"];
  if (asked !== undefined && asked !== "test" && asked !== "live") {
    throw validationFailed([{ path: "header.fairbill-environment", message: "must be test or live" }]);
  }
  const principal = await authenticateSession(token, asked);
  if (principal === undefined) {
    throw new FairbillError({
      code: "session_expired",
      status: 401,
      detail: "Your session has ended (signed out, revoked or expired): sign in again.",
    });
  }
  if (!safeMethods.has(request.method)) {
    const header = request.headers[csrfHeaderName];
    const sent = Array.isArray(header) ? header[0] : header;
    if (sent === undefined || !principal.csrfTokenMatches(sent)) {
      throw new FairbillError({
        code: "csrf_token_invalid",
        status: 403,
        detail: `A change made with a session cookie must send the session's CSRF token in the ${csrfHeaderName} header (the ${csrfCookieName} cookie holds it).`,
        errors: [
          {
            path: `header.${csrfHeaderName}`,
            message: sent === undefined ? "is required" : "does not match this session",
          },
        ],
      });
    }
  }
  if (principal.secondFactorEnrolmentRequired && request.routeOptions.config.signedIn !== true) {
    throw new FairbillError({
      code: "second_factor_enrolment_required",
      status: 403,
      detail:
        "Your organization requires a second factor: set one up (POST /v1/me/second-factor, then /v1/me/second-factor/confirm) before anything else.",
    });
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
    database: databaseOfTenant(options.database, scope),
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
  // Well-formed and NFC like every text at input: the audit log hashes the reason as the database stores it.
  return reason === undefined || reason.trim() === ""
    ? undefined
    : reason.trim().slice(0, 1000).toWellFormed().normalize("NFC");
}
