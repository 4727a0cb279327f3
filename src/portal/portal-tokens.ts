// The customer portal's links: a token that names one customer of one
// environment and when it stops working, signed with HMAC-SHA256 under the
// environment's portal secret. Nothing about a token is stored: it is valid
// while its signature checks out under the current secret and its expiry has
// not come, so rotating the secret revokes every link issued before. The
// secret is stored sealed with the organization's data key (encryption at rest).
import { randomBytes } from "node:crypto";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { type SecretColumns, sealSecret } from "../platform/secrets/envelope.ts";
import {
  findSigningSecret,
  signatureMatches,
  signingSecretOf,
  signToken,
} from "../platform/secrets/signing-secrets.ts";
// The portal_secrets table's row type, merged into the database schema.
import "./tables.ts";

/** What a portal token says. */
export type PortalTokenClaims = {
  customerId: string;
  environmentId: string;
  /** Unix seconds: the token is refused from this instant on. */
  expiresAt: number;
};

// Portal tokens start with this, so that one pasted into a ticket says what it is.
const tokenPrefix = "fbp_";

export function signPortalToken(claims: PortalTokenClaims, secret: string): string {
  return signToken(
    tokenPrefix,
    { customer_id: claims.customerId, environment_id: claims.environmentId, exp: claims.expiresAt },
    secret,
  );
}

/**
 * The claims of a well-formed token, before its signature is checked: the
 * environment they name says which secret to check it with. Undefined when
 * the token is not one of ours.
 */
export function readPortalTokenClaims(
  token: string,
): { claims: PortalTokenClaims; encodedClaims: string; signature: Buffer } | undefined {
  if (!token.startsWith(tokenPrefix) || token.length > 2048) return undefined;
  const [encodedClaims, encodedSignature, ...rest] = token.slice(tokenPrefix.length).split(".");
  if (encodedClaims === undefined || encodedSignature === undefined || rest.length > 0) return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(encodedClaims) || !/^[A-Za-z0-9_-]+$/.test(encodedSignature)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encodedClaims, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const fields = parsed as { customer_id?: unknown; environment_id?: unknown; exp?: unknown };
  if (
    typeof fields.customer_id !== "string" ||
    typeof fields.environment_id !== "string" ||
    typeof fields.exp !== "number" ||
    !Number.isSafeInteger(fields.exp)
  ) {
    return undefined;
  }
  return {
    claims: { customerId: fields.customer_id, environmentId: fields.environment_id, expiresAt: fields.exp },
    encodedClaims,
    signature: Buffer.from(encodedSignature, "base64url"),
  };
}

/** Whether the signature was made with `secret`, compared in constant time. */
export function hasValidSignature(
  read: { encodedClaims: string; signature: Buffer },
  secret: string,
): boolean {
  return signatureMatches(read.encodedClaims, read.signature, secret);
}

/** The column of the portal's signing secrets, sealed at rest: what `fairbill secrets rotate` seals anew. */
export const portalSecretColumns: SecretColumns = {
  table: "portal_secrets",
  idColumns: ["environment_id"],
  columns: ["secret"],
};

/** The environment's portal secret, if one has been made. */
export async function findPortalSecret(
  database: Database,
  environmentId: string,
): Promise<string | undefined> {
  return findSigningSecret(database, portalSecretColumns.table, environmentId);
}

/** The environment's portal secret, made on first use. */
export async function portalSecretOf(database: Database, scope: TenantScope, now: Date): Promise<string> {
  return signingSecretOf(database, portalSecretColumns.table, scope, now, "portal secret");
}

/** Replaces the environment's portal secret: every link signed with the old one stops working. */
export async function replacePortalSecret(database: Database, scope: TenantScope, now: Date): Promise<void> {
  const secret = await sealSecret(database, scope.organizationId, randomBytes(32).toString("hex"));
  await database
    .insertInto("portal_secrets")
    .values({
      environment_id: scope.environmentId,
      organization_id: scope.organizationId,
      secret,
      created_at: now,
      rotated_at: now,
    })
    .onConflict((conflicting) =>
      conflicting.column("environment_id").doUpdateSet({ secret, rotated_at: now }),
    )
    .execute();
}
