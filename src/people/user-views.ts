// One presenter for users and for the caller's own account.
import { loadOrganization } from "../organizations/index.ts";
import { permissions, type Role, roleAllows } from "../platform/auth/roles.ts";
import type { Database } from "../platform/database/schema.ts";
import { roleIn, rolesOf } from "./memberships.ts";
import type { MeView, UserView } from "./people-schemas.ts";
import { type UserRow, userNames } from "./users.ts";

export async function presentUser(
  database: Database,
  row: UserRow,
  environmentId: string,
): Promise<UserView> {
  const ownerName =
    row.owner_user_id === null
      ? undefined
      : (await userNames(database, [row.owner_user_id])).get(row.owner_user_id);
  return {
    id: row.id,
    kind: row.kind,
    name: row.display_name,
    email: row.email,
    email_verified: row.email_verified_at !== null,
    second_factor_enabled: row.totp_secret !== null,
    role: (await roleIn(database, environmentId, row.id)) ?? null,
    owner:
      row.owner_user_id === null ? null : { id: row.owner_user_id, name: ownerName ?? row.owner_user_id },
    disabled_at: row.disabled_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}

export async function presentMe(
  database: Database,
  row: UserRow,
  request: {
    environmentId: string;
    credential: MeView["credential"];
    secondFactorEnrolmentRequired: boolean;
    /** The role the request acts with (a key's own role); the person's role in the environment when left out. */
    role?: Role;
  },
): Promise<MeView> {
  const organization = await loadOrganization(database, row.organization_id);
  const roles = await rolesOf(database, row.id);
  const actingRole = request.role ?? roles.get(request.environmentId) ?? null;
  return {
    user: await presentUser(database, row, request.environmentId),
    environment: organization.environments.live === request.environmentId ? "live" : "test",
    roles: {
      test: roles.get(organization.environments.test) ?? null,
      live: roles.get(organization.environments.live) ?? null,
    },
    credential: request.credential,
    role: actingRole,
    permissions:
      actingRole === null ? [] : permissions.filter((permission) => roleAllows(actingRole, permission)),
    second_factor_enrolment_required: request.secondFactorEnrolmentRequired,
  };
}
