// Invitations: an admin invites a person by email to a role in the
// environment they act in. The link (valid 7 days) lets the invitee choose a
// password and creates their account; a person of the organization who has
// an account already accepts with their password and gains the role.
import type { Selectable } from "kysely";
import { recordCreation, recordObjectChange } from "../audit/index.ts";
import { describeEnvironment, loadOrganization } from "../organizations/index.ts";
import type { Role } from "../platform/auth/roles.ts";
import { type Clock, realTimeOf } from "../platform/clock.ts";
import type { RequestContext } from "../platform/context.ts";
import { newestFirstPage } from "../platform/database/list-pages.ts";
import type { Database } from "../platform/database/schema.ts";
import { insertTenantRow } from "../platform/database/tenant-rows.ts";
import { inTenant, selectInTenant } from "../platform/database/tenant-scope.ts";
import { databaseAcrossTenants } from "../platform/database/tenant-sessions.ts";
import { conflict, FairbillError, notFound } from "../platform/errors.ts";
import { queueAccountEmail } from "./account-emails.ts";
import { setRole } from "./memberships.ts";
import type { InvitationView } from "./people-schemas.ts";
import { hashNewPassword, hashToken, newToken, passwordMatches } from "./secrets.ts";
import { personOfCaller } from "./sessions.ts";
import type { InvitationTable } from "./tables.ts";
import {
  findPersonByEmail,
  insertPerson,
  loadUser,
  normalizeEmail,
  type UserRow,
  userNames,
} from "./users.ts";

const invitationLifetimeDays = 7;

type InvitationRow = Selectable<InvitationTable>;

export async function createInvitation(
  context: RequestContext,
  input: { email: string; name: string; role: Role },
  publicUrl: string,
): Promise<InvitationView> {
  const email = normalizeEmail(input.email);
  const inviter = await loadUser(context.database, context.organizationId, personOfCaller(context));
  // An address is one account on the whole server, whichever organization holds it.
  const existing = await findPersonByEmail(databaseAcrossTenants(context.database), email);
  if (existing !== undefined && existing.organization_id !== context.organizationId) {
    throw conflict("email_taken", `${email} has an account in another organization.`, [
      { path: "$.email", message: "belongs to another organization" },
    ]);
  }
  // An invitation expires in real time, whatever the environment's test clock reads.
  const now = realTimeOf(context.clock).now();
  const token = newToken();
  const environment = await describeEnvironment(context.database, context.environmentId);
  return context.database.transaction().execute(async (transaction) => {
    const row = await insertTenantRow(transaction, context, "invitations", "invitation", now, {
      email,
      display_name: input.name,
      role: input.role,
      invited_by_user_id: inviter.id,
      token_hash: hashToken(token),
      expires_at: new Date(now.getTime() + invitationLifetimeDays * 24 * 60 * 60 * 1000),
      created_at: now,
    });
    const view = presentInvitation(row, inviter.display_name, environment.kind, now);
    await queueAccountEmail(transaction, context.organizationId, now, {
      template: "account_invitation",
      to: email,
      data: {
        person: { name: input.name, email },
        organization: environment.organizationName,
        invited_by: inviter.display_name,
        role: input.role,
        environment: environment.kind,
        link: `${publicUrl}/accept-invitation?token=${token}`,
        expires_on: view.expires_at.slice(0, 10),
      },
    });
    return recordCreation(transaction, context, "invitation", view);
  });
}

export async function listInvitations(
  context: RequestContext,
  page: { limit: number; afterId: string | undefined },
): Promise<InvitationView[]> {
  const rows = await newestFirstPage(
    selectInTenant(context.database, context, "invitations"),
    page,
  ).execute();
  return presentInvitations(context, rows);
}

export async function revokeInvitation(context: RequestContext, id: string): Promise<InvitationView> {
  const now = context.clock.now();
  return context.database.transaction().execute(async (transaction) => {
    const row = await transaction
      .updateTable("invitations")
      .set({ revoked_at: now })
      .where(inTenant(context))
      .where("id", "=", id)
      .where("accepted_at", "is", null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const exists = await transaction
        .selectFrom("invitations")
        .select("id")
        .where("environment_id", "=", context.environmentId)
        .where("id", "=", id)
        .executeTakeFirst();
      if (!exists) throw notFound("invitation", id);
      throw conflict(
        "invitation_accepted",
        `Invitation ${id} was accepted already: change the person's role instead.`,
      );
    }
    const [view] = await presentInvitations({ ...context, database: transaction }, [row]);
    if (!view) throw new Error("An invitation could not be presented.");
    await recordObjectChange(transaction, context, "invitation", "revoked", null, view);
    return view;
  });
}

/** Accepts an invitation: a new account with the password chosen, or the role added to an existing one. */
export async function acceptInvitation(
  database: Database,
  clock: Clock,
  input: { token: string; password: string; name: string | undefined },
): Promise<UserRow> {
  const now = clock.now();
  const invitation = await database
    .selectFrom("invitations")
    .selectAll()
    .where("token_hash", "=", hashToken(input.token))
    .executeTakeFirst();
  if (
    !invitation ||
    invitation.accepted_at !== null ||
    invitation.revoked_at !== null ||
    invitation.expires_at <= now
  ) {
    throw new FairbillError({
      code: "token_invalid",
      status: 400,
      detail: "This invitation is not valid: it was used, revoked or has expired. Ask for a new one.",
      errors: [{ path: "$.token", message: "is unknown, used, revoked or expired" }],
    });
  }
  const existing = await findPersonByEmail(database, invitation.email);
  let passwordHash: string | null = null;
  if (existing !== undefined) {
    if (!(await passwordMatches(input.password, existing.password_hash))) {
      throw new FairbillError({
        code: "password_wrong",
        status: 403,
        detail: `${invitation.email} has an account already: accept with its password.`,
        errors: [{ path: "$.password", message: "does not match the existing account's password" }],
      });
    }
  } else {
    passwordHash = await hashNewPassword(input.password, "$.password");
  }
  const scope = { organizationId: invitation.organization_id, environmentId: invitation.environment_id };
  return database.transaction().execute(async (transaction) => {
    const accepted = await transaction
      .updateTable("invitations")
      .set({ accepted_at: now })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!accepted) throw conflict("invitation_accepted", "This invitation was accepted already.");
    const user =
      existing ??
      (await insertPerson(
        transaction,
        invitation.organization_id,
        {
          email: invitation.email,
          name: input.name ?? invitation.display_name,
          passwordHash,
          // The invitation reached the address.
          emailVerifiedAt: now,
        },
        now,
      ));
    await transaction
      .updateTable("invitations")
      .set({ accepted_user_id: user.id })
      .where("id", "=", invitation.id)
      .execute();
    await setRole(transaction, scope, user.id, invitation.role, now);
    return user;
  });
}

async function presentInvitations(context: RequestContext, rows: InvitationRow[]): Promise<InvitationView[]> {
  const names = await userNames(
    context.database,
    rows.map((row) => row.invited_by_user_id),
  );
  const organization = await loadOrganization(context.database, context.organizationId);
  const now = realTimeOf(context.clock).now();
  return rows.map((row) =>
    presentInvitation(
      row,
      names.get(row.invited_by_user_id) ?? row.invited_by_user_id,
      organization.environments.live === row.environment_id ? "live" : "test",
      now,
    ),
  );
}

function presentInvitation(
  row: InvitationRow,
  inviterName: string,
  environment: "test" | "live",
  now: Date,
): InvitationView {
  const status =
    row.accepted_at !== null
      ? "accepted"
      : row.revoked_at !== null
        ? "revoked"
        : row.expires_at <= now
          ? "expired"
          : "pending";
  return {
    id: row.id,
    email: row.email,
    name: row.display_name,
    role: row.role,
    environment,
    invited_by: { id: row.invited_by_user_id, name: inviterName },
    status,
    expires_at: row.expires_at.toISOString(),
    created_at: row.created_at.toISOString(),
  };
}
