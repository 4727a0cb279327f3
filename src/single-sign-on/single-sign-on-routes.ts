// HTTP routes of single sign-on: an admin's connection to the organization's
// OpenID Connect provider (/v1/sso-connection), and the sign-in itself: the
// start, which answers the provider's URL and keeps the state in a cookie of
// the browser, and the callback the provider sends the browser back to,
// which sets the session cookies and sends the browser on to the console.
import { Type } from "typebox";
import { setSessionCookies } from "../people/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Database } from "../platform/database/schema.ts";
import { withReason } from "../platform/http/reason.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { ProblemSchema, standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp, RouteModule } from "../platform/http/server.ts";
import { deleteSsoConnection, getSsoConnection, saveSsoConnection } from "./connections.ts";
import { finishSignIn, type SingleSignOnServices, startSignIn } from "./sign-in.ts";
import {
  SsoCallbackQuery,
  SsoConnectionBody,
  SsoConnectionSchema,
  SsoSignInBody,
  SsoSignInStartSchema,
} from "./single-sign-on-schemas.ts";

export type SingleSignOnRouteOptions = {
  database: Database;
  clock: Clock;
  /** Where people reach this server (PUBLIC_URL): the provider sends browsers back to its /v1/sso/callback. */
  publicUrl: string;
};

/** The cookie that ties a provider's answer to the browser that started the sign-in. */
const stateCookieName = "fairbill_sso_state";
const callbackPath = "/v1/sso/callback";

export function singleSignOnRoutes(options: SingleSignOnRouteOptions): RouteModule {
  const services: SingleSignOnServices = {
    database: options.database,
    clock: options.clock,
    redirectUri: `${options.publicUrl.replace(/\/+$/, "")}${callbackPath}`,
  };
  return (app: FairbillApp) => {
    registerConnectionRoutes(app, services.redirectUri);
    registerSignInRoutes(app, services);
  };
}

function registerConnectionRoutes(app: FairbillApp, redirectUri: string): void {
  const routes = defineRoutes(app, {
    tags: ["Single sign-on"],
    read: "people:manage",
    write: "people:manage",
  });

  routes.read(
    "GET /sso-connection",
    {
      operationId: "getSsoConnection",
      summary: "Read the organization's single sign-on connection (its secret by hint only)",
      response: SsoConnectionSchema,
    },
    ({ context }) => getSsoConnection(context, redirectUri),
  );

  routes.write(
    "PUT /sso-connection",
    {
      operationId: "saveSsoConnection",
      summary: "Connect the organization to its OpenID Connect provider, or change the connection",
      description:
        "Fairbill reads the issuer's discovery document first (422 sso_issuer_unreachable when it cannot). " +
        "Register redirect_uri with the provider. An email domain already claimed by another organization is " +
        "a 409 sso_domain_taken.",
      body: SsoConnectionBody,
      response: SsoConnectionSchema,
      errors: { ...standardErrorResponses, 422: ProblemSchema },
    },
    ({ context, body: { reason, ...input } }) =>
      saveSsoConnection(withReason(context, reason), input, redirectUri),
  );

  routes.write(
    "DELETE /sso-connection",
    {
      operationId: "deleteSsoConnection",
      summary: "Remove the organization's single sign-on: its people sign in with their passwords again",
      response: SsoConnectionSchema,
    },
    ({ context }) => deleteSsoConnection(context, redirectUri),
  );
}

function registerSignInRoutes(app: FairbillApp, services: SingleSignOnServices): void {
  const routes = defineRoutes(app, { tags: ["Sign-in"], read: {}, write: {}, security: [] });
  const problems = {
    400: ProblemSchema,
    401: ProblemSchema,
    403: ProblemSchema,
    404: ProblemSchema,
    502: ProblemSchema,
  };

  routes.write(
    "POST /sso/sign-in",
    {
      operationId: "startSsoSignIn",
      summary: "Start signing in through the identity provider of the address's organization",
      description:
        "Answers the provider's URL to send the browser to, and sets a cookie that the callback checks. " +
        "404 sso_not_configured when no organization signs in this address's domain with single sign-on.",
      body: SsoSignInBody,
      response: SsoSignInStartSchema,
      errors: problems,
    },
    async (request, reply) => {
      const started = await startSignIn(services, {
        email: request.body.email,
        returnTo: request.body.return_to ?? "/",
      });
      reply.setCookie(stateCookieName, started.state, {
        path: callbackPath,
        httpOnly: true,
        secure: true,
        // Sent along when the provider sends the browser back: a top-level navigation from another site.
        sameSite: "lax",
        expires: started.expiresAt,
      });
      return { authorization_url: started.authorizationUrl };
    },
  );

  routes.read(
    "GET /sso/callback",
    {
      operationId: "finishSsoSignIn",
      summary:
        "Where the identity provider sends the browser back: signs the person in and opens the console",
      description:
        "Checks the answer (state, PKCE, the ID token), provisions the person on their first sign-in with the " +
        "roles the claims map to (or updates their roles), sets the session cookies and redirects (303) to the " +
        "path the sign-in started with.",
      query: SsoCallbackQuery,
      response: Type.Null({ description: "a redirect to the console" }),
      status: 303,
      errors: problems,
    },
    async (request, reply) => {
      const signedIn = await finishSignIn(services, {
        query: request.query,
        rawQuery: request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "",
        browserState: request.cookies[stateCookieName],
        userAgent: request.headers["user-agent"],
        ipAddress: request.ip,
      });
      reply.clearCookie(stateCookieName, { path: callbackPath });
      setSessionCookies(reply, signedIn.token, signedIn.csrfToken);
      return reply.redirect(signedIn.returnTo, 303);
    },
  );
}
