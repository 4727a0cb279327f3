// The TOTP second factor (RFC 6238, as authenticator apps do it: SHA-1, six
// digits, 30 seconds): a person sets it up by scanning a secret and
// confirming a first code; sign-in then asks for a code. A code from the
// previous or next 30 seconds is accepted, for clocks that drift, but each
// code only once: a person's last used step is kept, and a code of that step
// or an earlier one is refused, so that a code seen over a shoulder or in a
// log cannot be replayed within its window. The secret is stored sealed with
// the organization's data key (encryption at rest), opened only to check a code.
import { Secret, TOTP } from "otpauth";
import type { Database } from "../platform/database/schema.ts";
import { openSecret, type SecretColumns } from "../platform/secrets/envelope.ts";

const issuer = "Fairbill";
const periodSeconds = 30;

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: periodSeconds,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new secret, and the otpauth:// URI an authenticator app reads from a QR code. */
export function newTotpSecret(label: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpFor(secret, label).toString() };
}

/** The columns of people's second-factor secrets, sealed at rest: what `fairbill secrets rotate` seals anew. */
export const secondFactorSecretColumns: SecretColumns = {
  table: "users",
  idColumns: ["id"],
  columns: ["totp_secret", "pending_totp_secret"],
};

/** The time step of `code` when it is the secret's code at `now`, 30 seconds either side; else undefined. */
function matchingStep(secretBase32: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(secretBase32, "check").validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now.getTime() / 1000 / periodSeconds) + delta;
}

/**
 * True when `code` is the code at `now` of the person's stored (sealed) secret
 * and no code of its step or a later one was used by this person before; the
 * step is then marked used, in one statement, so that two requests racing
 * with the same code cannot both pass.
 */
export async function spendTotpCode(
  database: Database,
  user: { id: string; organization_id: string },
  storedSecret: string,
  code: string,
  now: Date,
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const secretBase32 = await openSecret(database, user.organization_id, storedSecret);
  const step = matchingStep(secretBase32, code, now);
  if (step === undefined) return false;
  const marked = await database
    .updateTable("users")
    .set({ totp_last_used_step: step })
    .where("id", "=", user.id)
    .where((where) =>
      where.or([where("totp_last_used_step", "is", null), where("totp_last_used_step", "<", step)]),
    )
    .executeTakeFirst();
  return marked.numUpdatedRows > 0n;
}

/** The code of a secret at a time (what an authenticator app shows; tests use it). */
export function totpCode(secretBase32: string, at: Date): string {
  return totpFor(secretBase32, "code").generate({ timestamp: at.getTime() });
}
