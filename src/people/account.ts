// The caller's own account: who they are, their password, their second
// factor and their email address. A key's holder is the caller for a key; a
// service account has no password or second factor of its own.
import { apiKeyHolders } from "../organizations/index.ts";
import type { RequestContext } from "../platform/context.ts";
import { conflict, FairbillError, validationFailed } from "../platform/errors.ts";
import { sealSecret } from "../platform/secrets/envelope.ts";
import { emailAccountLink } from "./account-emails.ts";
import type { MeView } from "./people-schemas.ts";
import { newTotpSecret, spendTotpCode } from "./second-factor.ts";
import { hashNewPassword, passwordMatches } from "./secrets.ts";
import { revokeSessionsOf } from "./sessions.ts";
import { readPeopleSettings } from "./settings.ts";
import { presentMe } from "./user-views.ts";
import { loadUser, type UserRow } from "./users.ts";

type CallerAccount = { user: UserRow; credential: MeView["credential"]; enrolmentRequired: boolean };

async function callerAccount(context: RequestContext): Promise<CallerAccount> {
  const actor = context.actor;
  if (actor.type === "session") {
    const session = await context.database
      .selectFrom("sessions")
      .select("second_factor_enrolment_required")
      .where("id", "=", actor.sessionId)
      .executeTakeFirstOrThrow();
    return {
      user: await loadUser(context.database, context.organizationId, actor.person.id),
      credential: { type: "session", id: actor.sessionId },
      enrolmentRequired: session.second_factor_enrolment_required,
    };
  }
  if (actor.type === "api_key") {
    const holder = (await apiKeyHolders(context, [actor.apiKeyId])).get(actor.apiKeyId) ?? actor.person.id;
    return {
      user: await loadUser(context.database, context.organizationId, holder),
      credential: { type: "api_key", id: actor.apiKeyId },
      enrolmentRequired: false,
    };
  }
  throw new Error(`${actor.type} callers have no account.`);
}

/** The caller's person (a session's, or a key's holder when that is a person), or 409. */
async function callerPerson(context: RequestContext): Promise<CallerAccount> {
  const account = await callerAccount(context);
  if (account.user.kind !== "person") {
    throw conflict(
      "not_a_person",
      `This key belongs to the service account ${account.user.display_name}, which has no password or second factor: sign in as a person.`,
    );
  }
  return account;
}

export async function getMe(context: RequestContext): Promise<MeView> {
  const account = await callerAccount(context);
  return presentMe(context.database, account.user, {
    ...(context.actor.type === "api_key" || context.actor.type === "session"
      ? { role: context.actor.role }
      : {}),
    environmentId: context.environmentId,
    credential: account.credential,
    secondFactorEnrolmentRequired: account.enrolmentRequired,
  });
}

export async function changePassword(
  context: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<MeView> {
  const { user } = await callerPerson(context);
  if (!(await passwordMatches(input.currentPassword, user.password_hash))) {
    throw new FairbillError({
      code: "password_wrong",
      status: 403,
      detail: "The current password is wrong.",
      errors: [{ path: "$.current_password", message: "does not match" }],
    });
  }
  const passwordHash = await hashNewPassword(input.newPassword, "$.new_password");
  const now = context.clock.now();
  await context.database
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: now })
    .where("id", "=", user.id)
    .execute();
  // Whoever knew the old password is signed out everywhere but here.
  const current = context.actor.type === "session" ? context.actor.sessionId : undefined;
  await revokeSessionsOf(context.database, user.id, now, current);
  return getMe(context);
}

/** Starts setting up a TOTP second factor: the secret to scan; a first code confirms it. */
export async function beginSecondFactor(
  context: RequestContext,
): Promise<{ secret: string; otpauth_uri: string }> {
  const { user } = await callerPerson(context);
  if (user.totp_secret !== null) {
    throw conflict(
      "second_factor_enabled",
      "A second factor is already set up: remove it first to set up another.",
    );
  }
  const { secret, uri } = newTotpSecret(user.email ?? user.display_name);
  await context.database
    .updateTable("users")
    .set({
      pending_totp_secret: await sealSecret(context.database, user.organization_id, secret),
      updated_at: context.clock.now(),
    })
    .where("id", "=", user.id)
    .execute();
  return { secret, otpauth_uri: uri };
}

export async function confirmSecondFactor(context: RequestContext, code: string): Promise<MeView> {
  const { user } = await callerPerson(context);
  if (user.pending_totp_secret === null) {
    throw conflict(
      "second_factor_not_started",
      "Start with POST /v1/me/second-factor to get a secret to scan.",
    );
  }
  const now = context.clock.now();
  if (!(await spendTotpCode(context.database, user, user.pending_totp_secret, code, now))) {
    throw validationFailed(
      [
        {
          path: "$.code",
          message: "does not match the secret, or was used already: enter the code your app shows now",
        },
      ],
      "The code does not match the secret that was set up.",
    );
  }
  await context.database
    .updateTable("users")
    .set({
      totp_secret: user.pending_totp_secret,
      pending_totp_secret: null,
      totp_enabled_at: now,
      updated_at: now,
    })
    .where("id", "=", user.id)
    .execute();
  await context.database
    .updateTable("sessions")
    .set({ second_factor_enrolment_required: false })
    .where("user_id", "=", user.id)
    .execute();
  return getMe(context);
}

export async function removeSecondFactor(
  context: RequestContext,
  input: { password: string; code: string },
): Promise<MeView> {
  const { user } = await callerPerson(context);
  if (user.totp_secret === null) throw conflict("second_factor_not_enabled", "No second factor is set up.");
  if ((await readPeopleSettings(context.database, user.organization_id)).require_second_factor) {
    throw conflict(
      "second_factor_required_by_organization",
      "Your organization requires a second factor: set up a new one instead of removing it.",
    );
  }
  const now = context.clock.now();
  const passwordIsRight = await passwordMatches(input.password, user.password_hash);
  if (!passwordIsRight || !(await spendTotpCode(context.database, user, user.totp_secret, input.code, now))) {
    throw new FairbillError({
      code: "second_factor_removal_refused",
      status: 403,
      detail: "The password or the code is wrong.",
      errors: [{ path: passwordIsRight ? "$.code" : "$.password", message: "does not match" }],
    });
  }
  await context.database
    .updateTable("users")
    .set({ totp_secret: null, totp_enabled_at: null, updated_at: now })
    .where("id", "=", user.id)
    .execute();
  return getMe(context);
}

/** Emails the caller a link that confirms their address. */
export async function sendEmailVerification(context: RequestContext, publicUrl: string): Promise<void> {
  const { user } = await callerPerson(context);
  if (user.email_verified_at !== null) {
    throw conflict("email_already_verified", `${user.email} is already confirmed.`);
  }
  await context.database.transaction().execute(async (transaction) => {
    await queueVerificationEmail(transaction, context.clock.now(), user, publicUrl);
  });
}

export async function queueVerificationEmail(
  database: RequestContext["database"],
  now: Date,
  user: UserRow,
  publicUrl: string,
): Promise<void> {
  await emailAccountLink(database, now, user, "email_verification", `${publicUrl}/verify-email`);
}
