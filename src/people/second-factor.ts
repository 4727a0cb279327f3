// The TOTP second factor (RFC 6238, as authenticator apps do it: SHA-1, six
// digits, 30 seconds): a person sets it up by scanning a secret and
// confirming a first code; sign-in then asks for a code. A code from the
// previous or next 30 seconds is accepted, for clocks that drift.
import { Secret, TOTP } from "otpauth";

const issuer = "Fairbill";

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new secret, and the otpauth:// URI an authenticator app reads from a QR code. */
export function newTotpSecret(label: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpFor(secret, label).toString() };
}

/** True when `code` is the secret's code at `now`, 30 seconds either side. */
export function totpCodeMatches(secretBase32: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return (
    totpFor(secretBase32, "check").validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null
  );
}

/** The code of a secret at a time (what an authenticator app shows; tests use it). */
export function totpCode(secretBase32: string, at: Date): string {
  return totpFor(secretBase32, "code").generate({ timestamp: at.getTime() });
}
