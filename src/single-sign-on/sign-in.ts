// Signing in through an organization's identity provider. The address's
// domain picks the organization's connection; Fairbill keeps the request
// (state, nonce, PKCE verifier) for ten minutes and sends the browser to the
// provider, with the state also in a cookie of that browser. When the
// provider sends the browser back, the request is used once, in the browser
// that started it; the code is exchanged and the ID token checked; the
// person's address must be of one of the organization's domains; their roles
// come from the claims. People then provisions the person on their first
// sign-in (or updates their roles) and opens a session like a password
// sign-in's.
import { createHash } from "node:crypto";
import { loadOrganization } from "../organizations/index.ts";
import { type SignedIn, signInWithIdentity } from "../people/index.ts";
import type { Role } from "../platform/auth/roles.ts";
import type { Clock } from "../platform/clock.ts";
import type { Database } from "../platform/database/schema.ts";
import { FairbillError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { connectionById, connectionCoversEmail, connectionForEmail, emailDomain } from "./connections.ts";
import { authorizationRequest, claimsOfAnswer, providerConfiguration } from "./openid-connect.ts";
import { rolesFromClaims } from "./role-mapping.ts";
import type { SsoCallbackValues } from "./single-sign-on-schemas.ts";

const requestLifetimeMilliseconds = 10 * 60 * 1000;
// Requests nobody came back for are deleted a day after they expire.
const requestRetentionMilliseconds = 24 * 60 * 60 * 1000;

export type SingleSignOnServices = {
  database: Database;
  clock: Clock;
  /** Where the provider sends the browser back: this server's GET /v1/sso/callback. */
  redirectUri: string;
};

export type StartedSignIn = { authorizationUrl: string; state: string; expiresAt: Date };

export async function startSignIn(
  services: SingleSignOnServices,
  input: { email: string; returnTo: string },
): Promise<StartedSignIn> {
  const { database, clock } = services;
  const connection = await connectionForEmail(database, input.email);
  if (connection === undefined) {
    throw new FairbillError({
      code: "sso_not_configured",
      status: 404,
      detail: `No organization signs in people of ${emailDomain(input.email)} with single sign-on: sign in with your password.`,
    });
  }
  const now = clock.now();
  const configuration = await providerConfiguration(
    { issuer: connection.issuer, clientId: connection.client_id, clientSecret: connection.client_secret },
    now,
  );
  const request = await authorizationRequest(configuration, {
    redirectUri: services.redirectUri,
    scopes: connection.scopes,
    loginHint: input.email,
  });
  const expiresAt = new Date(now.getTime() + requestLifetimeMilliseconds);
  await database
    .deleteFrom("sso_sign_in_requests")
    .where("expires_at", "<", new Date(now.getTime() - requestRetentionMilliseconds))
    .execute();
  await database
    .insertInto("sso_sign_in_requests")
    .values({
      id: newId("ssoSignInRequest", now),
      organization_id: connection.organization_id,
      connection_id: connection.id,
      state_hash: hashState(request.state),
      code_verifier: request.codeVerifier,
      nonce: request.nonce,
      return_to: input.returnTo,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { authorizationUrl: request.url, state: request.state, expiresAt };
}

export type FinishedSignIn = SignedIn & { returnTo: string; roles: Partial<Record<"test" | "live", Role>> };

/**
 * The provider's answer: `query` is the callback's query, `rawQuery` the same
 * as sent (checked as it came), `browserState` the state cookie of the browser.
 */
export async function finishSignIn(
  services: SingleSignOnServices,
  answer: {
    query: SsoCallbackValues;
    rawQuery: string;
    browserState: string | undefined;
    userAgent: string | undefined;
    ipAddress: string | undefined;
  },
): Promise<FinishedSignIn> {
  const { database, clock } = services;
  const now = clock.now();
  const { query } = answer;
  if (answer.browserState === undefined || answer.browserState !== query.state) {
    throw refusal(
      "sso_browser_mismatch",
      401,
      "This sign-in was not started in this browser (or its cookie expired): start again from the sign-in page.",
    );
  }
  // Used once: a second answer with the same state finds it used.
  const request = await database
    .updateTable("sso_sign_in_requests")
    .set({ used_at: now })
    .where("state_hash", "=", hashState(query.state))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returningAll()
    .executeTakeFirst();
  if (request === undefined) {
    throw refusal("sso_request_expired", 401, "This sign-in expired or was already used: start again.");
  }
  if (query.error !== undefined) {
    throw refusal(
      "sso_denied",
      401,
      `The identity provider did not sign you in (${query.error}${query.error_description ? `: ${query.error_description}` : ""}).`,
    );
  }
  const connection = await connectionById(database, request.connection_id);
  if (connection === undefined) {
    throw refusal("sso_not_configured", 401, "The organization removed its single sign-on meanwhile.");
  }
  const configuration = await providerConfiguration(
    { issuer: connection.issuer, clientId: connection.client_id, clientSecret: connection.client_secret },
    now,
  );
  const answerUrl = new URL(services.redirectUri);
  answerUrl.search = answer.rawQuery;
  const claims = await claimsOfAnswer(configuration, answerUrl, {
    state: query.state,
    nonce: request.nonce,
    codeVerifier: request.code_verifier,
  });
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : undefined;
  if (email === undefined || email === "") {
    throw refusal(
      "sso_email_missing",
      403,
      'The identity provider released no email address: the connection must ask for the "email" scope.',
    );
  }
  if (claims.email_verified === false) {
    throw refusal("sso_email_unverified", 403, `The identity provider has not verified ${email}.`);
  }
  if (!(await connectionCoversEmail(database, connection.id, email))) {
    throw refusal(
      "sso_email_domain_not_covered",
      403,
      `${email} is not an address of this organization's domains, so its identity provider cannot vouch for it.`,
    );
  }
  const roles = rolesFromClaims(claims, connection.role_claim, connection.role_mappings);
  const organization = await loadOrganization(database, connection.organization_id);
  const rolesByEnvironmentId = new Map<string, Role>();
  for (const [environment, role] of Object.entries(roles) as ["test" | "live", Role][]) {
    rolesByEnvironmentId.set(organization.environments[environment], role);
  }
  if (rolesByEnvironmentId.size === 0) {
    throw refusal(
      "sso_no_role",
      403,
      `None of your ${connection.role_claim} at the identity provider gives you a role in this organization: ask its admin.`,
    );
  }
  const signedIn = await signInWithIdentity(database, clock, {
    organizationId: connection.organization_id,
    email,
    name: typeof claims.name === "string" && claims.name.trim() !== "" ? claims.name.trim() : email,
    roles: rolesByEnvironmentId,
    userAgent: answer.userAgent,
    ipAddress: answer.ipAddress,
  });
  return { ...signedIn, returnTo: request.return_to, roles };
}

function hashState(state: string): string {
  return createHash("sha256").update(state).digest("hex");
}

function refusal(code: string, status: number, detail: string): FairbillError {
  return new FairbillError({ code, status, detail });
}
