// Forgotten passwords: a link by email, valid one hour, that sets a new
// password, unlocks the account and signs the person out everywhere. Asking
// answers the same whether or not the address has an account.
import type { Clock } from "../platform/clock.ts";
import type { Database } from "../platform/database/schema.ts";
import { emailAccountLink } from "./account-emails.ts";
import { spendAccountToken } from "./account-tokens.ts";
import { hashNewPassword } from "./secrets.ts";
import { revokeSessionsOf } from "./sessions.ts";
import { findPersonByEmail, type UserRow } from "./users.ts";

export async function requestPasswordReset(
  database: Database,
  clock: Clock,
  email: string,
  publicUrl: string,
): Promise<void> {
  const user = await findPersonByEmail(database, email);
  if (user === undefined || user.disabled_at !== null) return;
  const now = clock.now();
  await database.transaction().execute(async (transaction) => {
    await emailAccountLink(transaction, now, user, "password_reset", `${publicUrl}/reset-password`);
  });
}

export async function resetPassword(
  database: Database,
  clock: Clock,
  input: { token: string; password: string },
): Promise<UserRow> {
  const passwordHash = await hashNewPassword(input.password, "$.password");
  const now = clock.now();
  return database.transaction().execute(async (transaction) => {
    const { userId } = await spendAccountToken(transaction, input.token, "password_reset", now);
    const user = await transaction
      .updateTable("users")
      .set({
        password_hash: passwordHash,
        failed_sign_ins: 0,
        last_failed_sign_in_at: null,
        locked_until: null,
        // The link reached the address: it is the person's.
        email_verified_at: now,
        updated_at: now,
      })
      .where("id", "=", userId ?? "")
      .returningAll()
      .executeTakeFirstOrThrow();
    await revokeSessionsOf(transaction, user.id, now);
    return user;
  });
}

export async function verifyEmail(database: Database, clock: Clock, token: string): Promise<void> {
  const now = clock.now();
  await database.transaction().execute(async (transaction) => {
    const { userId } = await spendAccountToken(transaction, token, "email_verification", now);
    await transaction
      .updateTable("users")
      .set({ email_verified_at: now, updated_at: now })
      .where("id", "=", userId ?? "")
      .execute();
  });
}
