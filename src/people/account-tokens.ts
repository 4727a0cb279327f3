// Single-use links (email verification, password reset, the first admin's
// account): a random token sent once, stored hashed, valid for a while, and
// spent when used.
import type { Database } from "../platform/database/schema.ts";
import { FairbillError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { hashToken, newToken } from "./secrets.ts";
import type { AccountTokenPurpose } from "./tables.ts";

const tokenLifetimeMinutes: Record<AccountTokenPurpose, number> = {
  email_verification: 7 * 24 * 60,
  password_reset: 60,
  first_admin: 24 * 60,
};

export async function issueAccountToken(
  database: Database,
  grant: { organizationId: string; userId: string | null; purpose: AccountTokenPurpose },
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + tokenLifetimeMinutes[grant.purpose] * 60_000);
  await database
    .insertInto("account_tokens")
    .values({
      id: newId("accountToken", now),
      organization_id: grant.organizationId,
      user_id: grant.userId,
      purpose: grant.purpose,
      token_hash: hashToken(token),
      expires_at: expiresAt,
      created_at: now,
    })
    .execute();
  return { token, expiresAt };
}

/** Spends a token of the given purpose, or refuses it naming the field. Call it inside the change's transaction. */
export async function spendAccountToken(
  database: Database,
  token: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<{ organizationId: string; userId: string | null }> {
  const row = await database
    .updateTable("account_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning(["organization_id", "user_id"])
    .executeTakeFirst();
  if (!row) {
    throw new FairbillError({
      code: "token_invalid",
      status: 400,
      detail:
        "This link is not valid: it was already used, it has expired, or it was mistyped. Ask for a new one.",
      errors: [{ path: "$.token", message: "is unknown, used or expired" }],
    });
  }
  return { organizationId: row.organization_id, userId: row.user_id };
}
