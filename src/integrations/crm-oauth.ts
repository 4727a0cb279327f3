// How HubSpot and Salesforce differ from Xero in OAuth 2: their default
// addresses, the scopes a CRM sync needs, the client credentials sent in the
// token request's form, and how the account a token reaches is named:
// HubSpot's portal (hub id) from its access-token endpoint, Salesforce's
// organization from the identity URL its token answer carries (with the
// instance URL that is its API's address).
import { guardedFetch } from "../platform/outgoing-requests/guarded-connections.ts";
import { firstTenantId, type OAuthTokens, parseJson } from "./oauth-tokens.ts";
import type { CrmSystemName, IntegrationSystemName } from "./tables.ts";
import { retryAfterSecondsOf, VendorError, vendorErrorOfStatus } from "./vendor-errors.ts";

export type SystemEndpoints = {
  authorizeUrl: string;
  tokenUrl: string;
  /** Xero: the list of organizations; HubSpot: the access-token endpoint; Salesforce: unused (the token names it). */
  connectionsUrl: string;
  apiBaseUrl: string;
};

/** The CRMs' own addresses, for those a new connection leaves out. */
export const crmEndpoints: Record<CrmSystemName, SystemEndpoints> = {
  hubspot: {
    authorizeUrl: "https://app.hubspot.com/oauth/authorize",
    tokenUrl: "https://api.hubapi.com/oauth/v1/token",
    connectionsUrl: "https://api.hubapi.com/oauth/v1/access-tokens",
    apiBaseUrl: "https://api.hubapi.com",
  },
  salesforce: {
    authorizeUrl: "https://login.salesforce.com/services/oauth2/authorize",
    tokenUrl: "https://login.salesforce.com/services/oauth2/token",
    connectionsUrl: "https://login.salesforce.com/services/oauth2/userinfo",
    apiBaseUrl: "https://login.salesforce.com",
  },
};

/** Where a token request carries the client's credentials: HubSpot and Salesforce want them in the form. */
export function credentialsInOf(system: IntegrationSystemName): "header" | "form" {
  return system === "hubspot" || system === "salesforce" ? "form" : "header";
}

/** The account the token reaches, in the system's ids (Xero's tenant, HubSpot's hub id, Salesforce's organization id). */
export async function connectedAccountOf(
  system: IntegrationSystemName,
  connectionsUrl: string,
  tokens: OAuthTokens,
  now: Date,
): Promise<string> {
  if (system === "salesforce") {
    const organizationId = tokens.identityUrl?.split("/").at(-2);
    if (organizationId === undefined || organizationId === "") {
      throw new VendorError("refused", "Salesforce's token answer named no organization (its id URL).");
    }
    return organizationId;
  }
  if (system !== "hubspot") return firstTenantId(connectionsUrl, tokens.accessToken, now);
  const response = await guardedFetch(
    `${connectionsUrl.replace(/\/+$/, "")}/${encodeURIComponent(tokens.accessToken)}`,
    { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) },
  );
  const text = await response.text();
  if (!response.ok) {
    throw vendorErrorOfStatus(
      response.status,
      `HubSpot's access-token endpoint answered HTTP ${response.status}: ${text.slice(0, 300)}`,
      retryAfterSecondsOf(response.headers.get("retry-after"), now),
    );
  }
  const hubId = (parseJson(text) as { hub_id?: unknown }).hub_id;
  if (typeof hubId !== "number" && typeof hubId !== "string") {
    throw new VendorError("refused", "HubSpot's access-token endpoint named no portal (hub_id).");
  }
  return String(hubId);
}
