// Signing in with an email, a password and, when the person set one up, a
// TOTP code. Failed attempts slow the next one down (1, 2, 4, 8 seconds) and
// the fifth in a row locks the account for 15 minutes, so that guessing a
// password from outside is hopeless; a correct sign-in clears the count. The
// answer never says whether an address has an account. A TOTP code is used
// at most once. Sign-ins, failures and lockouts are in the audit log with the
// person whose account it is.
import type { Clock } from "../platform/clock.ts";
import type { Database } from "../platform/database/schema.ts";
import { FairbillError } from "../platform/errors.ts";
import { spendTotpCode } from "./second-factor.ts";
import { passwordMatches } from "./secrets.ts";
import { type StartedSession, startSession } from "./sessions.ts";
import { readPeopleSettings } from "./settings.ts";
import { recordSignInOutcome } from "./sign-in-audit.ts";
import { findPersonByEmail, type UserRow } from "./users.ts";

const failuresBeforeLockout = 5;
const lockoutMinutes = 15;

export type SignInInput = {
  email: string;
  password: string;
  totpCode: string | undefined;
  userAgent: string | undefined;
  ipAddress: string | undefined;
};

export type SignedIn = StartedSession & { user: UserRow };

export async function signIn(database: Database, clock: Clock, input: SignInInput): Promise<SignedIn> {
  const now = clock.now();
  const user = await findPersonByEmail(database, input.email);
  if (user !== undefined) ensureNotThrottled(user, now);
  const passwordIsRight = await passwordMatches(input.password, user?.password_hash ?? null);
  if (user === undefined || user.disabled_at !== null || !passwordIsRight) {
    if (user !== undefined) await recordFailure(database, user, now, "password");
    throw new FairbillError({
      code: "sign_in_failed",
      status: 401,
      detail: "The email address or the password is wrong.",
    });
  }
  if (user.totp_secret !== null) {
    if (input.totpCode === undefined) {
      throw new FairbillError({
        code: "second_factor_required",
        status: 401,
        detail: "Enter the 6-digit code from your authenticator app.",
        errors: [{ path: "$.totp_code", message: "is required for this account" }],
      });
    }
    if (!(await spendTotpCode(database, user, user.totp_secret, input.totpCode, now))) {
      await recordFailure(database, user, now, "second_factor");
      throw new FairbillError({
        code: "second_factor_invalid",
        status: 401,
        detail:
          "The code is wrong, has expired or was used already: enter the next code your authenticator app shows.",
        errors: [{ path: "$.totp_code", message: "does not match, or was used already" }],
      });
    }
  }
  const settings = await readPeopleSettings(database, user.organization_id);
  const session = await database.transaction().execute(async (transaction) => {
    await transaction
      .updateTable("users")
      .set({ failed_sign_ins: 0, last_failed_sign_in_at: null, locked_until: null })
      .where("id", "=", user.id)
      .execute();
    const started = await startSession(transaction, user, {
      now,
      userAgent: input.userAgent,
      ipAddress: input.ipAddress,
      enrolmentRequired: settings.require_second_factor && user.totp_secret === null,
    });
    await recordSignInOutcome(transaction, user, now, {
      action: "user.signed_in",
      sessionId: started.session.id,
      method: "password",
    });
    return started;
  });
  return { ...session, user };
}

/** Seconds to wait after `failures` failed attempts in a row before the next one is heard. */
function delayAfterFailures(failures: number): number {
  return failures === 0 ? 0 : 2 ** (failures - 1);
}

function ensureNotThrottled(user: UserRow, now: Date): void {
  if (user.locked_until !== null && user.locked_until > now) {
    const seconds = Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000);
    throw new FairbillError({
      code: "account_locked",
      status: 429,
      detail:
        `Too many failed sign-ins: this account is locked until ${user.locked_until.toISOString()} ` +
        `(${Math.ceil(seconds / 60)} minutes). Reset the password to unlock it now.`,
    });
  }
  if (user.last_failed_sign_in_at !== null && user.failed_sign_ins > 0) {
    const allowedAt = user.last_failed_sign_in_at.getTime() + delayAfterFailures(user.failed_sign_ins) * 1000;
    if (allowedAt > now.getTime()) {
      throw new FairbillError({
        code: "sign_in_throttled",
        status: 429,
        detail: `After ${user.failed_sign_ins} failed sign-ins, wait ${Math.ceil((allowedAt - now.getTime()) / 1000)} seconds before trying again.`,
      });
    }
  }
}

async function recordFailure(
  database: Database,
  user: UserRow,
  now: Date,
  failedCheck: "password" | "second_factor",
): Promise<void> {
  const failures = user.failed_sign_ins + 1;
  const lockedUntil =
    failures >= failuresBeforeLockout ? new Date(now.getTime() + lockoutMinutes * 60_000) : null;
  await database.transaction().execute(async (transaction) => {
    await transaction
      .updateTable("users")
      .set({
        failed_sign_ins: lockedUntil === null ? failures : 0,
        last_failed_sign_in_at: now,
        locked_until: lockedUntil,
        updated_at: now,
      })
      .where("id", "=", user.id)
      .execute();
    await recordSignInOutcome(
      transaction,
      user,
      now,
      lockedUntil === null
        ? { action: "user.sign_in_failed", failedSignIns: failures, failedCheck }
        : { action: "user.locked", lockedUntil, failedCheck },
    );
  });
}
