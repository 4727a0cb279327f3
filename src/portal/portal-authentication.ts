// Who calls the portal API: the customer a portal token names, acting as the
// actor `portal`. A token reaches the /v1/portal routes only (they are the
// only ones that take it), and the use cases behind them are called with the
// token's customer, never an id from the request.
import { findCustomerRecord } from "../customers/index.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import type { FairbillApp } from "../platform/http/server.ts";
import { signedLinkAuthenticator } from "../platform/http/signed-links.ts";
import { portalLinks } from "./portal-tokens.ts";

const authenticatePortalCaller = signedLinkAuthenticator(portalLinks, {
  scheme: "Portal",
  missing: 'Send the portal token in the header "Authorization: Portal <token>".',
  apiKey: 'The portal API takes a portal token, not an API key: send "Authorization: Portal <token>".',
  malformed: 'The Authorization header must read "Portal <token>".',
  invalidToken:
    "This portal link is not valid: it has expired, was revoked, or was changed. Ask for a new link.",
  actorOf: async (database, scope, customerId) => {
    const customer = await findCustomerRecord(database, scope, customerId);
    return customer === undefined || customer.archived_at !== null
      ? undefined
      : { type: "portal", customerId: customer.id };
  },
});

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
