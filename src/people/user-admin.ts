// What an admin does with the people of an environment: list them, change a
// person's role here (or take it away), disable an account; and the service
// accounts that hold keys for programs.
import { recordAuditEvent, recordCreation } from "../audit/index.ts";
import type { NewApiKey } from "../organizations/index.ts";
import { createApiKey } from "../organizations/index.ts";
import type { Role } from "../platform/auth/roles.ts";
import type { RequestContext } from "../platform/context.ts";
import { conflict, notFound } from "../platform/errors.ts";
import { removeRole, roleIn, setRole } from "./memberships.ts";
import type { UserView } from "./people-schemas.ts";
import { personOfCaller, revokeSessionsOf } from "./sessions.ts";
import { presentUser } from "./user-views.ts";
import { announceKeyHolderChanged, insertServiceAccount, loadUser, type UserRow } from "./users.ts";

/** People and service accounts with a role in this environment, newest first. */
export async function listUsers(
  context: RequestContext,
  filters: { kind?: "person" | "service_account" | undefined },
  page: { limit: number; afterId: string | undefined },
): Promise<UserView[]> {
  let query = context.database
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .selectAll("users")
    .where("memberships.environment_id", "=", context.environmentId)
    .where("users.organization_id", "=", context.organizationId)
    .orderBy("users.id", "desc")
    .limit(page.limit + 1);
  if (page.afterId !== undefined) query = query.where("users.id", "<", page.afterId);
  if (filters.kind !== undefined) query = query.where("users.kind", "=", filters.kind);
  const rows = await query.execute();
  const views: UserView[] = [];
  for (const row of rows) views.push(await presentUser(context.database, row, context.environmentId));
  return views;
}

/** A person or service account with a role in this environment, or 404. */
async function memberOfEnvironment(context: RequestContext, userId: string): Promise<UserRow> {
  const row = await context.database
    .selectFrom("users")
    .innerJoin("memberships", "memberships.user_id", "users.id")
    .selectAll("users")
    .where("memberships.environment_id", "=", context.environmentId)
    .where("users.organization_id", "=", context.organizationId)
    .where("users.id", "=", userId)
    .executeTakeFirst();
  if (!row) throw notFound(userId.startsWith("sva_") ? "service account" : "user", userId);
  return row;
}

export async function getUser(context: RequestContext, userId: string): Promise<UserView> {
  return presentUser(context.database, await memberOfEnvironment(context, userId), context.environmentId);
}

export async function updateUser(
  context: RequestContext,
  userId: string,
  change: { role?: Role | null | undefined; disabled?: boolean | undefined },
): Promise<UserView> {
  const user = await memberOfEnvironment(context, userId);
  if (userId === personOfCaller(context) && (change.role !== undefined || change.disabled === true)) {
    throw conflict(
      "cannot_change_own_access",
      "You cannot change your own role or disable yourself: another admin must, so that an organization never loses its last admin by mistake.",
    );
  }
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const before = await presentUser(transaction, user, context.environmentId);
    if (change.role === null) await removeRole(transaction, context, userId);
    else if (change.role !== undefined) await setRole(transaction, context, userId, change.role, now);
    if (change.disabled !== undefined) {
      await transaction
        .updateTable("users")
        .set({ disabled_at: change.disabled ? (user.disabled_at ?? now) : null, updated_at: now })
        .where("id", "=", userId)
        .execute();
      await announceKeyHolderChanged(transaction, context);
      if (change.disabled) await revokeSessionsOf(transaction, userId, now);
    }
    const after = await presentUser(
      transaction,
      await loadUser(transaction, context.organizationId, userId),
      context.environmentId,
    );
    await recordAuditEvent(transaction, context, {
      action: "user.updated",
      objectType: "user",
      objectId: userId,
      before,
      after,
    });
    return after;
  });
}

/** A service account owned by the caller's person, with a role in this environment. */
export async function createServiceAccount(
  context: RequestContext,
  input: { name: string; role: Role },
): Promise<UserView> {
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const account = await insertServiceAccount(
      transaction,
      context.organizationId,
      { name: input.name, ownerUserId: personOfCaller(context) },
      now,
    );
    await setRole(transaction, context, account.id, input.role, now);
    const view = await presentUser(transaction, account, context.environmentId);
    return recordCreation(transaction, context, "service_account", view);
  });
}

/** A key for a service account of this environment; its role cannot exceed the account's. */
export async function createKeyForServiceAccount(
  context: RequestContext,
  serviceAccountId: string,
  input: { name: string; role: Role; expiresAt: Date | undefined },
): Promise<NewApiKey> {
  const account = await memberOfEnvironment(context, serviceAccountId);
  if (account.kind !== "service_account") throw notFound("service account", serviceAccountId);
  const accountRole = await roleIn(context.database, context.environmentId, account.id);
  if (accountRole !== input.role && accountRole !== "admin") {
    throw conflict(
      "role_exceeds_service_account",
      `The service account ${account.display_name} has the ${accountRole} role here: its keys have that role.`,
      [{ path: "$.role", message: `must be ${accountRole}` }],
    );
  }
  return createApiKey(context, {
    name: input.name,
    role: input.role,
    userId: account.id,
    expiresAt: input.expiresAt,
  });
}
