// The first start: an organization with nobody who can sign in gets a
// one-time link (printed by `fairbill serve`) that creates its first admin,
// with the admin role in both environments.

import { loadOrganization } from "../organizations/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Database } from "../platform/database/schema.ts";
import { conflict } from "../platform/errors.ts";
import { queueVerificationEmail } from "./account.ts";
import { issueAccountToken, spendAccountToken } from "./account-tokens.ts";
import { setRole } from "./memberships.ts";
import { hashNewPassword } from "./secrets.ts";
import { insertPerson, organizationHasPeople, type UserRow } from "./users.ts";

/**
 * A new link to create the organization's first admin, or undefined when it
 * has people already. Links given before stay valid until they expire.
 */
export async function firstAdminLink(
  database: Database,
  clock: Clock,
  organizationId: string,
  publicUrl: string,
): Promise<string | undefined> {
  if (await organizationHasPeople(database, { organizationId })) return undefined;
  const { token } = await issueAccountToken(
    database,
    { organizationId, userId: null, purpose: "first_admin" },
    clock.now(),
  );
  return `${publicUrl}/first-admin?token=${token}`;
}

export async function createFirstAdmin(
  database: Database,
  clock: Clock,
  input: { token: string; email: string; name: string; password: string },
  publicUrl: string,
): Promise<UserRow> {
  const passwordHash = await hashNewPassword(input.password, "$.password");
  const now = clock.now();
  return database.transaction().execute(async (transaction) => {
    const { organizationId } = await spendAccountToken(transaction, input.token, "first_admin", now);
    if (await organizationHasPeople(transaction, { organizationId })) {
      throw conflict(
        "first_admin_exists",
        "This organization has its first admin already: sign in, or ask an admin for an invitation.",
      );
    }
    const organization = await loadOrganization(transaction, organizationId);
    const user = await insertPerson(
      transaction,
      organizationId,
      { email: input.email, name: input.name, passwordHash, emailVerifiedAt: null },
      now,
    );
    for (const environmentId of [organization.environments.test, organization.environments.live]) {
      await setRole(transaction, { organizationId, environmentId }, user.id, "admin", now);
    }
    await queueVerificationEmail(transaction, now, user, publicUrl);
    return user;
  });
}
