// Connections to accounting systems, one per system and environment. The
// client secret and the tokens are sealed with the organization's data key
// (envelope encryption, rotated by `fairbill secrets rotate`) and never
// returned. A new connection waits for consent: the API answers the consent
// page's address with a random state, and the code the system sends back
// (with that state) is exchanged for tokens, which are refreshed before
// they expire.
import { randomBytes } from "node:crypto";
import type { Selectable } from "kysely";
import { recordAuditEvent, recordCreation } from "../audit/index.ts";
import type { RequestContext, TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { findInTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { refusingDuplicates } from "../platform/database/unique-conflicts.ts";
import { conflict, errorMessage, validationFailed } from "../platform/errors.ts";
import { checkTargetUrl } from "../platform/outgoing-requests/saved-target.ts";
import { openSecret, type SecretColumns, sealSecret } from "../platform/secrets/envelope.ts";
import { connectedAccountOf, credentialsInOf, crmEndpoints } from "./crm-oauth.ts";
import type {
  AuthorizeConnectionInput,
  ConnectionView,
  CreateConnectionInput,
} from "./integration-schemas.ts";
import { netsuiteEndpoints } from "./netsuite-accounting.ts";
import {
  consentUrl,
  exchangeCode,
  type OAuthClient,
  type OAuthTokens,
  refreshTokens,
  xeroApiBaseUrl,
  xeroEndpoints,
} from "./oauth-tokens.ts";
import { quickbooksEndpoints, quickbooksTokensOfCode, refreshQuickbooksTokens } from "./quickbooks-oauth.ts";
import type { IntegrationConnectionTable } from "./tables.ts";

export type ConnectionRow = Selectable<IntegrationConnectionTable>;

/** The sealed columns of connections, for `fairbill secrets rotate`. */
export const integrationSecretColumns: SecretColumns = {
  table: "integration_connections",
  idColumns: ["id"],
  columns: ["client_secret", "access_token", "refresh_token"],
};

/** Refresh a token this long before it expires, so that a sync never starts with one about to lapse. */
const refreshMarginMilliseconds = 60_000;

export async function createConnection(
  context: RequestContext,
  input: CreateConnectionInput,
): Promise<ConnectionView> {
  const defaults = defaultEndpoints(input);
  const urls = {
    authorize_url: (await checkTargetUrl(input.authorize_url ?? defaults.authorizeUrl, "$.authorize_url"))
      .href,
    token_url: (await checkTargetUrl(input.token_url ?? defaults.tokenUrl, "$.token_url")).href,
    connections_url: (
      await checkTargetUrl(input.connections_url ?? defaults.connectionsUrl, "$.connections_url")
    ).href,
    api_base_url: (
      await checkTargetUrl(input.api_base_url ?? defaults.apiBaseUrl, "$.api_base_url")
    ).href.replace(/\/+$/, ""),
  };
  try {
    new URL(input.redirect_uri);
  } catch {
    throw validationFailed([{ path: "$.redirect_uri", message: "is not a URL" }]);
  }
  const now = context.clock.now();
  return refusingDuplicates(
    () =>
      context.database.transaction().execute(async (transaction) => {
        const row = await insertTenantRow(
          transaction,
          context,
          "integration_connections",
          "integrationConnection",
          now,
          {
            system: input.system,
            status: "pending_authorization",
            client_id: input.client_id,
            client_secret: await sealSecret(transaction, context.organizationId, input.client_secret),
            redirect_uri: input.redirect_uri,
            ...urls,
            oauth_state: randomBytes(24).toString("base64url"),
            created_at: now,
            updated_at: now,
          },
        );
        const view = presentConnection(row);
        await recordCreation(transaction, context, "integration_connection", { ...view, consent_url: null });
        return view;
      }),
    () =>
      conflict("connection_exists", `This environment already has a ${input.system} connection.`, [
        { path: "$.system", message: "is connected already in this environment" },
      ]),
  );
}

/** The system's own addresses, for those the input leaves out (NetSuite's are the account's: its API root is required). */
function defaultEndpoints(input: CreateConnectionInput) {
  switch (input.system) {
    case "hubspot":
    case "salesforce":
      return crmEndpoints[input.system];
    case "xero":
      return { ...xeroEndpoints, apiBaseUrl: xeroApiBaseUrl };
    case "quickbooks":
      return { ...quickbooksEndpoints, connectionsUrl: input.api_base_url ?? quickbooksEndpoints.apiBaseUrl };
    case "netsuite": {
      if (input.api_base_url === undefined) {
        throw validationFailed([
          {
            path: "$.api_base_url",
            message:
              "is required for netsuite: the account's, https://<account id>.suitetalk.api.netsuite.com",
          },
        ]);
      }
      const endpoints = netsuiteEndpoints(input.api_base_url, "$.api_base_url");
      return { ...endpoints, connectionsUrl: input.api_base_url, apiBaseUrl: input.api_base_url };
    }
  }
}

/** Completes the consent: the code is exchanged for tokens and the organization reached is recorded. */
export async function authorizeConnection(
  context: RequestContext,
  id: string,
  input: AuthorizeConnectionInput,
): Promise<ConnectionView> {
  const row = await findConnection(context.database, context, id);
  if (row.oauth_state === null || row.oauth_state !== input.state) {
    throw validationFailed([{ path: "$.state", message: "is not the state of this connection's consent" }]);
  }
  const now = context.clock.now();
  const client = await oauthClientOf(context.database, row);
  const sentTenantId = input.tenant_id;
  // QuickBooks and NetSuite name the company only on the way back from consent; Xero and the CRMs name it when asked.
  if ((row.system === "quickbooks" || row.system === "netsuite") && sentTenantId === undefined) {
    throw validationFailed([
      {
        path: "$.tenant_id",
        message: `is required for ${row.system}: the ${row.system === "quickbooks" ? "realmId" : "company"} the consent sent back`,
      },
    ]);
  }
  let tokens: OAuthTokens;
  let tenantId: string;
  try {
    if (row.system === "quickbooks" && sentTenantId !== undefined) {
      tokens = await quickbooksTokensOfCode(client, input.code, sentTenantId, now);
      tenantId = sentTenantId;
    } else {
      tokens = await exchangeCode(client, input.code, now);
      tenantId = sentTenantId ?? (await connectedAccountOf(row.system, row.connections_url, tokens, now));
    }
  } catch (error) {
    throw validationFailed([{ path: "$.code", message: `was refused: ${errorMessage(error)}` }]);
  }
  return context.database.transaction().execute(async (transaction) => {
    const updated = await transaction
      .updateTable("integration_connections")
      .set({
        status: "connected",
        access_token: await sealSecret(transaction, context.organizationId, tokens.accessToken),
        refresh_token:
          tokens.refreshToken === null
            ? null
            : await sealSecret(transaction, context.organizationId, tokens.refreshToken),
        access_token_expires_at: tokens.expiresAt,
        external_tenant_id: tenantId,
        // Salesforce answers the organization's own API address with its tokens.
        ...(tokens.instanceUrl === null ? {} : { api_base_url: await instanceUrlOf(tokens.instanceUrl) }),
        oauth_state: null,
        updated_at: now,
      })
      .where("id", "=", row.id)
      .where("oauth_state", "=", input.state)
      .returningAll()
      .executeTakeFirst();
    if (updated === undefined) {
      throw validationFailed([{ path: "$.state", message: "was used already" }]);
    }
    const view = presentConnection(updated);
    await recordAuditEvent(transaction, context, {
      action: "integration_connection.authorized",
      objectType: "integration_connection",
      objectId: row.id,
      before: { status: row.status },
      after: { status: view.status, external_tenant_id: view.external_tenant_id },
    });
    return view;
  });
}

export async function getConnection(context: RequestContext, id: string): Promise<ConnectionView> {
  return presentConnection(await findConnection(context.database, context, id));
}

export async function listConnections(context: RequestContext): Promise<{ data: ConnectionView[] }> {
  const rows = await selectInTenant(context.database, context, "integration_connections")
    .orderBy("id", "desc")
    .execute();
  return { data: rows.map(presentConnection) };
}

export async function findConnection(
  database: Database,
  scope: TenantScope,
  id: string,
): Promise<ConnectionRow> {
  return findInTenant(database, scope, "integration_connections", id, "integration connection");
}

/** The environment's connected connections: whom a sync goes to. */
export function connectedConnections(database: Database, scope: TenantScope): Promise<ConnectionRow[]> {
  return selectInTenant(database, scope, "integration_connections")
    .where("status", "=", "connected")
    .orderBy("id")
    .execute();
}

export type ConnectionAccess = { apiBaseUrl: string; accessToken: string; tenantId: string };

/** Refreshes under way in this process, by connection: syncs side by side wait for the same one. */
const refreshing = new Map<string, Promise<ConnectionAccess>>();

/**
 * A token to call the system with, refreshed first when it is about to expire, or when the system
 * refused `refusedToken` (an expired token before its time). Syncs side by side in this process wait
 * for the same refresh; refreshes in other processes are kept apart by the row lock in `refreshAccess`.
 */
export async function accessOf(
  database: Database,
  row: ConnectionRow,
  now: Date,
  options: { refusedToken?: string } = {},
): Promise<ConnectionAccess> {
  if (row.status !== "connected" || row.access_token === null || row.external_tenant_id === null) {
    throw new Error(`Connection ${row.id} is ${row.status}: consent first.`);
  }
  if (options.refusedToken === undefined && isFresh(row, now)) {
    return {
      apiBaseUrl: row.api_base_url,
      tenantId: row.external_tenant_id,
      accessToken: await openSecret(database, row.organization_id, row.access_token),
    };
  }
  const under = refreshing.get(row.id);
  if (under !== undefined) return under;
  const refresh = refreshAccess(database, row, now, options.refusedToken ?? null);
  refreshing.set(row.id, refresh);
  try {
    return await refresh;
  } finally {
    refreshing.delete(row.id);
  }
}

function isFresh(row: ConnectionRow, now: Date): boolean {
  return (
    (row.access_token_expires_at?.getTime() ?? 0) - refreshMarginMilliseconds > now.getTime() ||
    row.refresh_token === null
  );
}

/**
 * Refreshes the connection's tokens under a lock on its row, so that workers in several processes
 * never spend the same refresh token (which the system honours once, rotating it): the first takes
 * the lock and refreshes; the others wait, then read the row again and use the token it stored.
 * The lock is held across the call to the token endpoint, which its timeout bounds (10 s).
 */
export async function refreshAccess(
  database: Database,
  row: ConnectionRow,
  now: Date,
  refusedToken: string | null,
): Promise<ConnectionAccess> {
  const scope = { organizationId: row.organization_id, environmentId: row.environment_id };
  return database.transaction().execute(async (transaction) => {
    const current = await selectInTenant(transaction, scope, "integration_connections")
      .where("id", "=", row.id)
      .forUpdate()
      .executeTakeFirst();
    if (
      current?.access_token == null ||
      current.refresh_token === null ||
      current.external_tenant_id === null
    ) {
      throw new Error(`Connection ${row.id} holds no tokens any more: consent again.`);
    }
    const base = { apiBaseUrl: current.api_base_url, tenantId: current.external_tenant_id };
    const stored = await openSecret(transaction, row.organization_id, current.access_token);
    // Another worker refreshed meanwhile: its token is the one to use.
    if (refusedToken === null ? isFresh(current, now) : stored !== refusedToken) {
      return { ...base, accessToken: stored };
    }
    const client = await oauthClientOf(transaction, current);
    const refreshToken = await openSecret(transaction, row.organization_id, current.refresh_token);
    const tokens =
      row.system === "quickbooks"
        ? await refreshQuickbooksTokens(client, refreshToken, now)
        : await refreshTokens(client, refreshToken, now);
    await transaction
      .updateTable("integration_connections")
      .set({
        access_token: await sealSecret(transaction, row.organization_id, tokens.accessToken),
        refresh_token: await sealSecret(
          transaction,
          row.organization_id,
          tokens.refreshToken ?? refreshToken,
        ),
        access_token_expires_at: tokens.expiresAt,
        updated_at: now,
      })
      .where("id", "=", row.id)
      .execute();
    return { ...base, accessToken: tokens.accessToken };
  });
}

async function oauthClientOf(database: Database, row: ConnectionRow): Promise<OAuthClient> {
  return {
    clientId: row.client_id,
    clientSecret: await openSecret(database, row.organization_id, row.client_secret),
    redirectUri: row.redirect_uri,
    tokenUrl: row.token_url,
    credentialsIn: credentialsInOf(row.system),
  };
}

/** The instance URL a token answer names, checked as an outgoing target like the addresses a person gives. */
async function instanceUrlOf(instanceUrl: string): Promise<string> {
  return (await checkTargetUrl(instanceUrl, "$.code")).href.replace(/\/+$/, "");
}

function presentConnection(row: ConnectionRow): ConnectionView {
  return {
    id: row.id,
    system: row.system,
    status: row.status,
    client_id: row.client_id,
    redirect_uri: row.redirect_uri,
    api_base_url: row.api_base_url,
    external_tenant_id: row.external_tenant_id,
    consent_url:
      row.status === "pending_authorization" && row.oauth_state !== null
        ? consentUrl(
            row.system,
            row.authorize_url,
            { clientId: row.client_id, redirectUri: row.redirect_uri },
            row.oauth_state,
          )
        : null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
