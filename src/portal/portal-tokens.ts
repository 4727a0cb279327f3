// The customer portal's links: a token that names one customer of one
// environment and when it stops working, signed with HMAC-SHA256 under the
// environment's portal secret. Nothing about a token is stored: it is valid
// while its signature checks out under the current secret and its expiry has
// not come, so rotating the secret revokes every link issued before. The
// secret is stored sealed with the organization's data key (encryption at rest).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import { openSecret, type SecretColumns, sealSecret } from "../platform/secrets/envelope.ts";
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

function signatureOf(encodedClaims: string, secret: string): Buffer {
  return createHmac("sha256", Buffer.from(secret, "hex")).update(encodedClaims).digest();
}

export function signPortalToken(claims: PortalTokenClaims, secret: string): string {
  const encodedClaims = Buffer.from(
    JSON.stringify({
      customer_id: claims.customerId,
      environment_id: claims.environmentId,
      exp: claims.expiresAt,
    }),
  ).toString("base64url");
  return `${tokenPrefix}${encodedClaims}.${signatureOf(encodedClaims, secret).toString("base64url")}`;
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
  const expected = signatureOf(read.encodedClaims, secret);
  return read.signature.length === expected.length && timingSafeEqual(read.signature, expected);
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
  const row = await database
    .selectFrom("portal_secrets")
    .select(["organization_id", "secret"])
    .where("environment_id", "=", environmentId)
    .executeTakeFirst();
  return row === undefined ? undefined : openSecret(database, row.organization_id, row.secret);
}

/** The environment's portal secret, made on first use. */
export async function portalSecretOf(database: Database, scope: TenantScope, now: Date): Promise<string> {
  const existing = await findPortalSecret(database, scope.environmentId);
  if (existing !== undefined) return existing;
  // Two first links at once both try to insert; the loser reads the winner's.
  await database
    .insertInto("portal_secrets")
    .values({
      environment_id: scope.environmentId,
      organization_id: scope.organizationId,
      secret: await sealSecret(database, scope.organizationId, randomBytes(32).toString("hex")),
      created_at: now,
    })
    .onConflict((conflicting) => conflicting.column("environment_id").doNothing())
    .execute();
  const made = await findPortalSecret(database, scope.environmentId);
  if (made === undefined) throw new Error(`The portal secret of ${scope.environmentId} was not stored.`);
  return made;
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
