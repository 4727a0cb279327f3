// Signing in a person whom another service vouches for: an organization's
// identity provider, through single sign-on. The person is created on their
// first sign-in (no password: they sign in through the provider), their roles
// become the ones the provider's claims give in each environment (a role the
// claims no longer give is taken away), and they get a session like a
// password sign-in's. The provider answers for the second factor. Role
// changes are in the audit log, made by "single sign-on".
import { recordAuditEvent } from "../audit/index.ts";
import type { Role } from "../platform/auth/roles.ts";
import type { Clock } from "../platform/clock.ts";
import { systemContext } from "../platform/context.ts";
import type { Database, DatabaseTransaction } from "../platform/database/schema.ts";
import { FairbillError } from "../platform/errors.ts";
import { removeRole, rolesOf, setRole } from "./memberships.ts";
import { startSession } from "./sessions.ts";
import type { SignedIn } from "./sign-in.ts";
import { recordSignInOutcome } from "./sign-in-audit.ts";
import { presentUser } from "./user-views.ts";
import { findPersonByEmail, insertPerson, type UserRow } from "./users.ts";

export type IdentitySignIn = {
  organizationId: string;
  /** The address the provider vouches for, of one of the organization's domains. */
  email: string;
  name: string;
  /** The person's role in each environment (by id) where the claims give one; none elsewhere. */
  roles: ReadonlyMap<string, Role>;
  userAgent: string | undefined;
  ipAddress: string | undefined;
};

export async function signInWithIdentity(
  database: Database,
  clock: Clock,
  input: IdentitySignIn,
): Promise<SignedIn> {
  const now = clock.now();
  return database.transaction().execute(async (transaction) => {
    const known = await findPersonByEmail(transaction, input.email);
    if (known !== undefined && known.organization_id !== input.organizationId) {
      throw new FairbillError({
        code: "email_of_another_organization",
        status: 403,
        detail: `${input.email} has an account in another organization of this server.`,
      });
    }
    if (known?.disabled_at != null) {
      throw new FairbillError({
        code: "account_disabled",
        status: 403,
        detail: "Your account is disabled: ask an admin of your organization.",
      });
    }
    const user =
      known ??
      (await insertPerson(
        transaction,
        input.organizationId,
        { email: input.email, name: input.name, passwordHash: null, emailVerifiedAt: now },
        now,
      ));
    await mapRoles(transaction, clock, user, input, known === undefined);
    const session = await startSession(transaction, user, {
      now,
      userAgent: input.userAgent,
      ipAddress: input.ipAddress,
      enrolmentRequired: false,
    });
    await recordSignInOutcome(transaction, user, now, {
      action: "user.signed_in",
      sessionId: session.session.id,
      method: "single_sign_on",
    });
    return { ...session, user };
  });
}

/** Sets the person's roles to the ones given, recording each environment whose role changed. */
async function mapRoles(
  transaction: DatabaseTransaction,
  clock: Clock,
  user: UserRow,
  input: IdentitySignIn,
  created: boolean,
): Promise<void> {
  const now = clock.now();
  const before = await rolesOf(transaction, user.id);
  const environments = new Set([...before.keys(), ...input.roles.keys()]);
  for (const environmentId of environments) {
    const role = input.roles.get(environmentId);
    if (role === before.get(environmentId)) continue;
    const context = systemContext({
      organizationId: input.organizationId,
      environmentId,
      database: transaction,
      clock,
      actorName: "single sign-on",
      reason: "roles mapped from the identity provider's claims",
    });
    const was = before.has(environmentId) ? await presentUser(transaction, user, environmentId) : null;
    if (role === undefined) await removeRole(transaction, context, user.id);
    else await setRole(transaction, context, user.id, role, now);
    await recordAuditEvent(transaction, context, {
      action: created ? "user.provisioned" : "user.updated",
      objectType: "user",
      objectId: user.id,
      before: was,
      after: role === undefined ? null : await presentUser(transaction, user, environmentId),
    });
  }
}
