// The OpenID Connect client side of single sign-on, through openid-client: the
// provider's metadata (discovery, kept for ten minutes), the authorization
// request (authorization code with PKCE, a state and a nonce), and the answer:
// the code exchanged for tokens, the ID token checked (signature, issuer,
// audience, nonce, expiry) and the claims of the ID token and of userinfo.
import * as openid from "openid-client";
import { errorMessage, FairbillError } from "../platform/errors.ts";

export type ProviderClient = { issuer: string; clientId: string; clientSecret: string };

export type AuthorizationRequest = { url: string; state: string; nonce: string; codeVerifier: string };

const discoveryLifetimeMilliseconds = 10 * 60 * 1000;
const discovered = new Map<string, { configuration: openid.Configuration; until: number }>();

/** Plain http is for a provider on this machine only (development, tests); anywhere else it must be https. */
export function isLoopbackUrl(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** The provider's metadata for this client, read from its discovery document (or the copy of the last ten minutes). */
export async function providerConfiguration(
  client: ProviderClient,
  now: Date,
): Promise<openid.Configuration> {
  const key = JSON.stringify([client.issuer, client.clientId, client.clientSecret]);
  const known = discovered.get(key);
  if (known !== undefined && known.until > now.getTime()) return known.configuration;
  const issuer = new URL(client.issuer);
  try {
    const configuration = await openid.discovery(
      issuer,
      client.clientId,
      client.clientSecret,
      undefined,
      isLoopbackUrl(issuer) ? { execute: [openid.allowInsecureRequests] } : undefined,
    );
    discovered.set(key, { configuration, until: now.getTime() + discoveryLifetimeMilliseconds });
    return configuration;
  } catch (error) {
    throw new FairbillError({
      code: "sso_provider_unreachable",
      status: 502,
      detail: `The identity provider at ${client.issuer} did not answer with its OpenID configuration: ${errorMessage(error)}`,
    });
  }
}

export async function authorizationRequest(
  configuration: openid.Configuration,
  options: { redirectUri: string; scopes: readonly string[]; loginHint: string },
): Promise<AuthorizationRequest> {
  const codeVerifier = openid.randomPKCECodeVerifier();
  const state = openid.randomState();
  const nonce = openid.randomNonce();
  const url = openid.buildAuthorizationUrl(configuration, {
    redirect_uri: options.redirectUri,
    scope: options.scopes.join(" "),
    code_challenge: await openid.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    login_hint: options.loginHint,
  });
  return { url: url.href, state, nonce, codeVerifier };
}

/**
 * The claims of the person the provider signed in: the code exchanged (with
 * the PKCE verifier) for an ID token that must be valid and carry the nonce,
 * then userinfo's claims for the same subject (a provider may keep email and
 * groups there).
 */
export async function claimsOfAnswer(
  configuration: openid.Configuration,
  answerUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<Record<string, unknown>> {
  let tokens: Awaited<ReturnType<typeof openid.authorizationCodeGrant>>;
  try {
    tokens = await openid.authorizationCodeGrant(configuration, answerUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw new FairbillError({
      code: "sso_answer_invalid",
      status: 401,
      detail: `The identity provider's answer could not be verified: ${errorMessage(error)}`,
    });
  }
  const idTokenClaims = tokens.claims();
  if (idTokenClaims === undefined) {
    throw new FairbillError({
      code: "sso_answer_invalid",
      status: 401,
      detail: "The provider sent no ID token.",
    });
  }
  const userInfoEndpoint = configuration.serverMetadata().userinfo_endpoint;
  const userInfo =
    userInfoEndpoint === undefined
      ? {}
      : await openid.fetchUserInfo(configuration, tokens.access_token, idTokenClaims.sub);
  return { ...userInfo, ...idTokenClaims };
}
