// OAuth 2 with QuickBooks Online through Intuit's official client
// (intuit-oauth): the exchange of the code the consent sends back, and the
// refresh of an access token. The client reads Intuit's token endpoint from a
// property of its class, not of each client: it is set to the connection's
// just before each request, which reads it at once (before any await), so
// connections to different endpoints never see each other's.
import type IntuitOAuthClient from "intuit-oauth";
import type { OAuthClient, OAuthTokens } from "./oauth-tokens.ts";
import { VendorError, vendorErrorOfStatus } from "./vendor-errors.ts";

/** Intuit's OAuth 2 and API addresses, where a connection names none. */
export const quickbooksEndpoints = {
  authorizeUrl: "https://appcenter.intuit.com/connect/oauth2",
  tokenUrl: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
  apiBaseUrl: "https://quickbooks.api.intuit.com",
};

/** The code the consent sent back (with the company's realm id) exchanged for tokens. */
export function quickbooksTokensOfCode(
  client: OAuthClient,
  code: string,
  realmId: string,
  now: Date,
): Promise<OAuthTokens> {
  const redirect = `${client.redirectUri}?${new URLSearchParams({ code, realmId }).toString()}`;
  return intuitTokens(client, now, (intuit) => intuit.createToken(redirect));
}

export function refreshQuickbooksTokens(
  client: OAuthClient,
  refreshToken: string,
  now: Date,
): Promise<OAuthTokens> {
  return intuitTokens(client, now, (intuit) => intuit.refreshUsingToken(refreshToken));
}

async function intuitTokens(
  client: OAuthClient,
  now: Date,
  request: (intuit: IntuitOAuthClient) => Promise<unknown>,
): Promise<OAuthTokens> {
  // Intuit's client is loaded when a QuickBooks connection first needs a token, not at every start.
  const { default: IntuitOAuthClient } = await import("intuit-oauth");
  const intuit = new IntuitOAuthClient({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUri,
    environment: "production",
  });
  IntuitOAuthClient.tokenEndpoint = client.tokenUrl;
  try {
    await request(intuit);
  } catch (error) {
    throw intuitError(error);
  }
  const token = intuit.getToken();
  if (typeof token.access_token !== "string" || token.access_token === "") {
    throw new VendorError("refused", "Intuit's token endpoint answered without an access token.");
  }
  const expiresIn = Number(token.expires_in) > 0 ? Number(token.expires_in) : 3600;
  return {
    accessToken: token.access_token,
    refreshToken: typeof token.refresh_token === "string" ? token.refresh_token : null,
    expiresAt: new Date(now.getTime() + expiresIn * 1000),
    instanceUrl: null,
    identityUrl: null,
  };
}

type IntuitFailure = {
  message?: string;
  error_description?: string;
  authResponse?: { response?: { status?: number } };
};

function intuitError(error: unknown): VendorError {
  const failure = (typeof error === "object" && error !== null ? error : {}) as IntuitFailure;
  const status = failure.authResponse?.response?.status ?? 0;
  const why = [failure.message, failure.error_description].filter((part) => part).join(": ");
  return vendorErrorOfStatus(
    status,
    `Intuit's token endpoint answered ${status === 0 ? "nothing usable" : `HTTP ${status}`}: ${why.slice(0, 300)}`,
  );
}
