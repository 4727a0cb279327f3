// Roles per person per environment: a person may be an admin in test and a
// viewer in live, or have no role in live at all.
import { loadOrganization } from "../organizations/index.ts";
import type { Role } from "../platform/auth/roles.ts";
import type { TenantScope } from "../platform/context.ts";
import type { Database } from "../platform/database/schema.ts";

export async function setRole(database: Database, scope: TenantScope, userId: string, role: Role, now: Date) {
  await database
    .insertInto("memberships")
    .values({
      environment_id: scope.environmentId,
      organization_id: scope.organizationId,
      user_id: userId,
      role,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflicting) =>
      conflicting.columns(["environment_id", "user_id"]).doUpdateSet({ role, updated_at: now }),
    )
    .execute();
}

export async function removeRole(database: Database, scope: TenantScope, userId: string): Promise<void> {
  await database
    .deleteFrom("memberships")
    .where("environment_id", "=", scope.environmentId)
    .where("user_id", "=", userId)
    .execute();
}

export async function roleIn(
  database: Database,
  environmentId: string,
  userId: string,
): Promise<Role | undefined> {
  const row = await database
    .selectFrom("memberships")
    .select("role")
    .where("environment_id", "=", environmentId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.role;
}

/** A person's roles in each environment where they have one. */
export async function rolesOf(database: Database, userId: string): Promise<Map<string, Role>> {
  const rows = await database
    .selectFrom("memberships")
    .select(["environment_id", "role"])
    .where("user_id", "=", userId)
    .execute();
  return new Map(rows.map((row) => [row.environment_id, row.role]));
}

/** The admins of an environment who can sign in, with their addresses (announcements go to them). */
export async function environmentAdmins(
  database: Database,
  scope: TenantScope,
): Promise<{ id: string; name: string; email: string }[]> {
  const rows = await database
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.display_name"])
    .where("memberships.environment_id", "=", scope.environmentId)
    .where("memberships.role", "=", "admin")
    .where("users.kind", "=", "person")
    .where("users.disabled_at", "is", null)
    .where("memberships.organization_id", "=", scope.organizationId)
    .orderBy("users.id")
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.display_name, email: row.email ?? "" }));
}

/** The environment a person's session opens in: live when they have a role there, else test. */
export async function homeEnvironment(
  database: Database,
  organizationId: string,
  userId: string,
): Promise<string> {
  const organization = await loadOrganization(database, organizationId);
  return (await roleIn(database, organization.environments.live, userId)) !== undefined
    ? organization.environments.live
    : organization.environments.test;
}
