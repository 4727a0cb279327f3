// The customer portal's links: a token that names one customer of one
// environment and when it stops working, signed with HMAC-SHA256 under the
// environment's portal secret. Nothing about a token is stored: it is valid
// while its signature checks out under the current secret and its expiry has
// not come, so rotating the secret revokes every link issued before. The
// secret is stored sealed with the organization's data key (encryption at rest).
import { randomBytes } from "node:crypto";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";
import type { SignedLinkKind } from "../platform/http/signed-links.ts";
import { type SecretColumns, sealSecret } from "../platform/secrets/envelope.ts";
// The portal_secrets table's row type, merged into the database schema.
import "./tables.ts";

/** The column of the portal's signing secrets, sealed at rest: what `fairbill secrets rotate` seals anew. */
export const portalSecretColumns: SecretColumns = {
  table: "portal_secrets",
  idColumns: ["environment_id"],
  columns: ["secret"],
};

/** The portal's links: a token names one customer. */
export const portalLinks: SignedLinkKind = {
  // Portal tokens start with this, so that one pasted into a ticket says what it is.
  prefix: "fbp_",
  subjectClaim: "customer_id",
  secretTable: portalSecretColumns.table,
  secretName: "portal secret",
};

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
