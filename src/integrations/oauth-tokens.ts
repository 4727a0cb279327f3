// OAuth 2 with an accounting system (the authorization code grant, and the
// refresh of an access token): the consent page's address, the exchange of
// the code the system sends back, and the list of organizations a token may
// reach. Every request goes through the SSRF guard.
import { guardedFetch } from "../platform/outgoing-requests/guarded-connections.ts";
import type { IntegrationSystemName } from "./tables.ts";
import { retryAfterSecondsOf, VendorError, vendorErrorOfStatus } from "./vendor-errors.ts";

export type OAuthClient = {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  tokenUrl: string;
  /** Where the client's credentials go at the token endpoint: Basic authentication (Xero) or the form (HubSpot, Salesforce). */
  credentialsIn?: "header" | "form";
};

export type OAuthTokens = {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date;
  /** Salesforce: the organization's own API address, and the identity URL that ends with its id. */
  instanceUrl: string | null;
  identityUrl: string | null;
};

/** Xero's OAuth 2 and API addresses, where a connection names none. */
/** Xero's accounting API. */
export const xeroApiBaseUrl = "https://api.xero.com/api.xro/2.0";

export const xeroEndpoints = {
  authorizeUrl: "https://login.xero.com/identity/connect/authorize",
  tokenUrl: "https://identity.xero.com/connect/token",
  connectionsUrl: "https://api.xero.com/connections",
};

/**
 * What an app asks consent for: Xero's accounting data it writes and a refresh token; QuickBooks
 * Online's accounting API; NetSuite's REST web services; the CRMs' companies or accounts
 * (read and written), deals and their line items (read).
 */
const scopes: Record<IntegrationSystemName, string> = {
  xero: "offline_access accounting.transactions accounting.contacts accounting.settings.read",
  quickbooks: "com.intuit.quickbooks.accounting",
  netsuite: "rest_webservices",
  hubspot:
    "oauth crm.objects.companies.read crm.objects.companies.write crm.objects.deals.read crm.objects.line_items.read",
  salesforce: "api refresh_token",
};

export function consentUrl(
  system: IntegrationSystemName,
  authorizeUrl: string,
  client: Pick<OAuthClient, "clientId" | "redirectUri">,
  state: string,
): string {
  const url = new URL(authorizeUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", client.clientId);
  url.searchParams.set("redirect_uri", client.redirectUri);
  url.searchParams.set("scope", scopes[system]);
  url.searchParams.set("state", state);
  return url.toString();
}

export function exchangeCode(client: OAuthClient, code: string, now: Date): Promise<OAuthTokens> {
  return tokenRequest(
    client,
    { grant_type: "authorization_code", code, redirect_uri: client.redirectUri },
    now,
  );
}

export function refreshTokens(client: OAuthClient, refreshToken: string, now: Date): Promise<OAuthTokens> {
  return tokenRequest(client, { grant_type: "refresh_token", refresh_token: refreshToken }, now);
}

async function tokenRequest(
  client: OAuthClient,
  form: Record<string, string>,
  now: Date,
): Promise<OAuthTokens> {
  const inForm = client.credentialsIn === "form";
  const response = await guardedFetch(client.tokenUrl, {
    method: "POST",
    headers: {
      ...(inForm
        ? {}
        : {
            authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
          }),
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: new URLSearchParams(
      inForm ? { ...form, client_id: client.clientId, client_secret: client.clientSecret } : form,
    ).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) {
    throw vendorErrorOfStatus(
      response.status,
      `The token endpoint answered HTTP ${response.status}: ${text.slice(0, 300)}`,
      retryAfterSecondsOf(response.headers.get("retry-after"), now),
    );
  }
  const body = parseJson(text) as {
    access_token?: unknown;
    refresh_token?: unknown;
    expires_in?: unknown;
    instance_url?: unknown;
    id?: unknown;
  };
  if (typeof body.access_token !== "string" || body.access_token === "") {
    throw new VendorError("refused", "The token endpoint answered without an access token.");
  }
  // NetSuite answers expires_in as a string of digits.
  const expiresIn =
    typeof body.expires_in === "number"
      ? body.expires_in
      : typeof body.expires_in === "string" && /^\d+$/.test(body.expires_in)
        ? Number(body.expires_in)
        : 1800;
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : null,
    expiresAt: new Date(now.getTime() + expiresIn * 1000),
    instanceUrl: typeof body.instance_url === "string" ? body.instance_url : null,
    identityUrl: typeof body.id === "string" ? body.id : null,
  };
}

/** The first organization the token may reach (Xero's tenant id). */
export async function firstTenantId(connectionsUrl: string, accessToken: string, now: Date): Promise<string> {
  const response = await guardedFetch(connectionsUrl, {
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) {
    throw vendorErrorOfStatus(
      response.status,
      `The connections endpoint answered HTTP ${response.status}: ${text.slice(0, 300)}`,
      retryAfterSecondsOf(response.headers.get("retry-after"), now),
    );
  }
  const tenants = parseJson(text);
  const first = Array.isArray(tenants) ? (tenants[0] as { tenantId?: unknown } | undefined) : undefined;
  if (typeof first?.tenantId !== "string") {
    throw new VendorError("refused", "The consent gave access to no organization.");
  }
  return first.tenantId;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new VendorError(
      "refused",
      `The system answered with something other than JSON: ${text.slice(0, 200)}`,
    );
  }
}
