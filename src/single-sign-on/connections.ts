// An organization's connection to its OpenID Connect provider: the issuer,
// the client Fairbill signs in as, the email domains whose people sign in
// there, and how the provider's claims map to roles. One per organization,
// set by an admin; saving it reads the provider's discovery document first,
// so a mistyped issuer is refused at once (422) rather than at the first sign-in.
// Each email domain routes to one organization only.
import type { Selectable } from "kysely";
import { recordAuditEvent, recordObjectChange } from "../audit/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/database/errors.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { conflict, FairbillError, validationFailed } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { openSecret, type SecretColumns, sealSecret } from "../platform/secrets/envelope.ts";
import { isLoopbackUrl, type ProviderClient, providerConfiguration } from "./openid-connect.ts";
import type { SsoConnectionInput, SsoConnectionView } from "./single-sign-on-schemas.ts";
import type { SsoConnectionTable } from "./tables.ts";

export type SsoConnectionRow = Selectable<SsoConnectionTable>;

const defaultScopes = ["openid", "email", "profile"];
const defaultRoleClaim = "groups";

export async function getSsoConnection(
  context: RequestContext,
  redirectUri: string,
): Promise<SsoConnectionView> {
  const row = await connectionOf(context.database, context.organizationId);
  if (row === undefined) throw noConnection();
  return presentConnection(row, await domainsOf(context.database, row.id), redirectUri);
}

export async function saveSsoConnection(
  context: RequestContext,
  input: SsoConnectionInput,
  redirectUri: string,
): Promise<SsoConnectionView> {
  const issuer = readIssuer(input.issuer);
  const scopes = input.scopes ?? defaultScopes;
  if (!scopes.includes("openid")) {
    throw validationFailed([{ path: "$.scopes", message: 'must include "openid"' }]);
  }
  const existing = await connectionOf(context.database, context.organizationId);
  const clientSecret = input.client_secret ?? existing?.client_secret;
  if (clientSecret === undefined) {
    throw validationFailed([{ path: "$.client_secret", message: "is required for a new connection" }]);
  }
  await checkIssuer({ issuer, clientId: input.client_id, clientSecret }, context.clock.now());
  const domains = [...input.email_domains].sort();
  try {
    return await context.database.transaction().execute(async (transaction) => {
      await refuseDomainsOfOthers(transaction, context.organizationId, domains);
      const before = await connectionOf(transaction, context.organizationId);
      const now = context.clock.now();
      const values = {
        issuer,
        client_id: input.client_id,
        // Sealed with the organization's data key: the database never holds it readable.
        client_secret: await sealSecret(transaction, context.organizationId, clientSecret),
        scopes,
        role_claim: input.role_claim ?? defaultRoleClaim,
        role_mappings: JSON.stringify(input.role_mappings),
        updated_at: now,
      };
      const stored = await transaction
        .insertInto("sso_connections")
        .values({
          id: newId("ssoConnection", now),
          organization_id: context.organizationId,
          created_at: now,
          ...values,
        })
        .onConflict((conflicting) => conflicting.column("organization_id").doUpdateSet(values))
        .returningAll()
        .executeTakeFirstOrThrow();
      const row = { ...stored, client_secret: clientSecret };
      await transaction.deleteFrom("sso_email_domains").where("connection_id", "=", row.id).execute();
      await transaction
        .insertInto("sso_email_domains")
        .values(
          domains.map((domain) => ({
            domain,
            organization_id: context.organizationId,
            connection_id: row.id,
          })),
        )
        .execute();
      const view = presentConnection(row, domains, redirectUri);
      await recordAuditEvent(transaction, context, {
        action: before === undefined ? "sso_connection.created" : "sso_connection.updated",
        objectType: "sso_connection",
        objectId: row.id,
        before:
          before === undefined
            ? null
            : presentConnection(before, await domainsOf(transaction, before.id), redirectUri),
        after: view,
      });
      return view;
    });
  } catch (error) {
    // Another organization took one of the domains between the check and the insert.
    if (isUniqueViolation(error)) throw domainsTaken(domains);
    throw error;
  }
}

export async function deleteSsoConnection(
  context: RequestContext,
  redirectUri: string,
): Promise<SsoConnectionView> {
  return context.database.transaction().execute(async (transaction) => {
    const row = await connectionOf(transaction, context.organizationId);
    if (row === undefined) throw noConnection();
    const view = presentConnection(row, await domainsOf(transaction, row.id), redirectUri);
    await transaction.deleteFrom("sso_connections").where("id", "=", row.id).execute();
    await recordObjectChange(transaction, context, "sso_connection", "deleted", view, null);
    return view;
  });
}

/** The connection that an address's domain routes sign-in to, if any organization claimed the domain. */
export async function connectionForEmail(
  database: Database,
  email: string,
): Promise<SsoConnectionRow | undefined> {
  const domain = emailDomain(email);
  const row = await database
    .selectFrom("sso_connections")
    .innerJoin("sso_email_domains", "sso_email_domains.connection_id", "sso_connections.id")
    .selectAll("sso_connections")
    .where("sso_email_domains.domain", "=", domain)
    .executeTakeFirst();
  return withOpenedSecret(database, row);
}

export async function connectionById(database: Database, id: string): Promise<SsoConnectionRow | undefined> {
  const row = await database
    .selectFrom("sso_connections")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return withOpenedSecret(database, row);
}

/** The client secret is stored sealed (envelope encryption); rows leave this file with it opened. */
export const singleSignOnSecretColumns: SecretColumns = {
  table: "sso_connections",
  idColumns: ["id"],
  columns: ["client_secret"],
};

async function withOpenedSecret(
  database: Database | DatabaseTransaction,
  row: SsoConnectionRow | undefined,
): Promise<SsoConnectionRow | undefined> {
  return row === undefined
    ? undefined
    : { ...row, client_secret: await openSecret(database, row.organization_id, row.client_secret) };
}

/** Whether the connection's organization claimed the address's domain (the provider may only vouch for those). */
export async function connectionCoversEmail(database: Database, connectionId: string, email: string) {
  const row = await database
    .selectFrom("sso_email_domains")
    .select("domain")
    .where("connection_id", "=", connectionId)
    .where("domain", "=", emailDomain(email))
    .executeTakeFirst();
  return row !== undefined;
}

export function emailDomain(email: string): string {
  return email
    .slice(email.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();
}

async function connectionOf(database: Database | DatabaseTransaction, organizationId: string) {
  const row = await database
    .selectFrom("sso_connections")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  return withOpenedSecret(database, row);
}

async function domainsOf(database: Database | DatabaseTransaction, connectionId: string): Promise<string[]> {
  const rows = await database
    .selectFrom("sso_email_domains")
    .select("domain")
    .where("connection_id", "=", connectionId)
    .orderBy("domain")
    .execute();
  return rows.map((row) => row.domain);
}

async function refuseDomainsOfOthers(
  transaction: DatabaseTransaction,
  organizationId: string,
  domains: string[],
): Promise<void> {
  const taken = await transaction
    .selectFrom("sso_email_domains")
    .select("domain")
    .where("domain", "in", domains)
    .where("organization_id", "!=", organizationId)
    .execute();
  if (taken.length > 0) throw domainsTaken(taken.map((row) => row.domain));
}

/** A connection is saved only once its issuer answers with its OpenID configuration. */
async function checkIssuer(client: ProviderClient, now: Date): Promise<void> {
  try {
    await providerConfiguration(client, now);
  } catch (error) {
    if (!(error instanceof FairbillError)) throw error;
    throw new FairbillError({
      code: "sso_issuer_unreachable",
      status: 422,
      detail: error.detail,
      errors: [{ path: "$.issuer", message: "does not answer with an OpenID configuration" }],
    });
  }
}

function readIssuer(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw validationFailed([{ path: "$.issuer", message: "is not a URL" }]);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackUrl(url))) {
    throw validationFailed([
      { path: "$.issuer", message: "must use https (http only for a provider on this machine)" },
    ]);
  }
  if (url.search !== "" || url.hash !== "") {
    throw validationFailed([{ path: "$.issuer", message: "must have no query or fragment" }]);
  }
  return value;
}

function presentConnection(row: SsoConnectionRow, domains: string[], redirectUri: string): SsoConnectionView {
  return {
    id: row.id,
    issuer: row.issuer,
    client_id: row.client_id,
    client_secret_hint: `…${row.client_secret.slice(-4)}`,
    email_domains: domains,
    scopes: row.scopes,
    role_claim: row.role_claim,
    role_mappings: row.role_mappings,
    redirect_uri: redirectUri,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

function noConnection(): FairbillError {
  return new FairbillError({
    code: "sso_not_configured",
    status: 404,
    detail: "This organization has no single sign-on connection.",
  });
}

function domainsTaken(domains: string[]): FairbillError {
  return conflict(
    "sso_domain_taken",
    `Another organization signs in people of ${domains.join(", ")}: a domain routes to one organization only.`,
    [{ path: "$.email_domains", message: `${domains.join(", ")} belongs to another organization` }],
  );
}
