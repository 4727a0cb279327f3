// Signed links (the customer portal's, the partners' statement links): a
// token `<prefix><claims>.<signature>`, its claims base64url JSON, signed with
// HMAC-SHA256 under a secret of the environment. Nothing about a token is
// stored: each secret is 32 random bytes (hex), made on first use, one row an
// environment, stored sealed with the organization's data key (encryption at
// rest). Replacing it revokes every link signed before.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import type { TenantScope } from "../context.ts";
import type { Database } from "../database/schema.ts";
import { openSecret, sealSecret } from "./envelope.ts";

/** The HMAC-SHA256 of the encoded claims under the (hex) secret. */
function signatureOf(encodedClaims: string, secret: string): Buffer {
  return createHmac("sha256", Buffer.from(secret, "hex")).update(encodedClaims).digest();
}

/** `<prefix><claims as base64url JSON>.<signature as base64url>`. */
export function signToken(prefix: string, claims: Record<string, unknown>, secret: string): string {
  const encodedClaims = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${prefix}${encodedClaims}.${signatureOf(encodedClaims, secret).toString("base64url")}`;
}

/** Whether the signature was made over the encoded claims with `secret`, compared in constant time. */
export function signatureMatches(encodedClaims: string, signature: Buffer, secret: string): boolean {
  const expected = signatureOf(encodedClaims, secret);
  return signature.length === expected.length && timingSafeEqual(signature, expected);
}

/** The environment's secret in `table` (environment_id, organization_id, secret), if one has been made. */
export async function findSigningSecret(
  database: Database,
  table: string,
  environmentId: string,
): Promise<string | undefined> {
  const { rows } = await sql<{ organization_id: string; secret: string }>`
    select organization_id, secret from ${sql.table(table)} where environment_id = ${environmentId}`.execute(
    database,
  );
  const [row] = rows;
  return row === undefined ? undefined : openSecret(database, row.organization_id, row.secret);
}

/** The environment's secret in `table`, made on first use; `what` names it in the error when it cannot be. */
export async function signingSecretOf(
  database: Database,
  table: string,
  scope: TenantScope,
  now: Date,
  what: string,
): Promise<string> {
  const existing = await findSigningSecret(database, table, scope.environmentId);
  if (existing !== undefined) return existing;
  // Two first links at once both try to insert; the loser reads the winner's.
  const sealed = await sealSecret(database, scope.organizationId, randomBytes(32).toString("hex"));
  await sql`
    insert into ${sql.table(table)} (environment_id, organization_id, secret, created_at)
    values (${scope.environmentId}, ${scope.organizationId}, ${sealed}, ${now})
    on conflict (environment_id) do nothing`.execute(database);
  const made = await findSigningSecret(database, table, scope.environmentId);
  if (made === undefined) throw new Error(`The ${what} of ${scope.environmentId} was not stored.`);
  return made;
}
