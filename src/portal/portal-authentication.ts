// Who calls the portal API: the customer a portal token names, acting as the
// actor `portal`. A token reaches the /v1/portal routes only (they are the
// only ones that take it), and the use cases behind them are called with the
// token's customer, never an id from the request.
import type { FastifyRequest } from "fastify";
import { findCustomerRecord } from "../customers/index.ts";
import { realTimeOf } from "../platform/clock.ts";
import type { RequestContext } from "../platform/context.ts";
import { databaseOfTenant } from "../platform/database/tenant-sessions.ts";
import { forbidden, unauthorized } from "../platform/errors.ts";
import type { CallerAuthenticator } from "../platform/http/authentication.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { findPortalSecret, hasValidSignature, readPortalTokenClaims } from "./portal-tokens.ts";

const invalidToken =
  "This portal link is not valid: it has expired, was revoked, or was changed. Ask for a new link.";

const authenticatePortalCaller: CallerAuthenticator = async (request, services) => {
  const token = portalTokenOf(request);
  const read = readPortalTokenClaims(token);
  if (read === undefined) throw unauthorized(invalidToken);
  const { claims } = read;
  const secret = await findPortalSecret(services.database, claims.environmentId);
  if (secret === undefined || !hasValidSignature(read, secret)) throw unauthorized(invalidToken);
  const scope = await services.findEnvironment(claims.environmentId);
  if (scope === undefined) throw unauthorized(invalidToken);
  // Expiry is read in real time, as the link was issued, whatever a test clock reads.
  const clock = realTimeOf(await services.clockFor(scope));
  if (clock.now().getTime() >= claims.expiresAt * 1000) throw unauthorized(invalidToken);
  const customer = await findCustomerRecord(services.database, scope, claims.customerId);
  if (customer === undefined || customer.archived_at !== null) throw unauthorized(invalidToken);
  const context: RequestContext = {
    ...scope,
    database: databaseOfTenant(services.database, scope),
    actor: { type: "portal", customerId: customer.id },
    requestId: request.id,
    reason: undefined,
    clock,
    logger: request.log,
  };
  return context;
};

function portalTokenOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === "") {
    throw unauthorized('Send the portal token in the header "Authorization: Portal <token>".');
  }
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header);
  if (match?.[1]?.toLowerCase() === "bearer") {
    // An API key is refused here even when valid: the portal API answers for one customer only.
    throw forbidden(
      'The portal API takes a portal token, not an API key: send "Authorization: Portal <token>".',
    );
  }
  if (match?.[1]?.toLowerCase() !== "portal" || match[2] === undefined) {
    throw unauthorized('The Authorization header must read "Portal <token>".');
  }
  return match[2];
}

/** The routes a portal link's token opens ("Authorization: Portal <token>"), not an API key or a session. */
export function definePortalRoutes(app: FairbillApp) {
  const portal = { authenticateCaller: authenticatePortalCaller };
  return defineRoutes(app, {
    tags: ["Customer portal"],
    read: portal,
    write: portal,
    security: [],
    description: 'Authenticate with "Authorization: Portal <token>", the token of a portal link.',
  });
}
