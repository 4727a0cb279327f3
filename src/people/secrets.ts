// The secrets of people's credentials: session tokens, CSRF tokens and the
// tokens of single-use links are random, sent once, and stored only as their
// SHA-256 hash, so a copy of the database signs nobody in. Passwords are
// hashed with argon2id (memory-hard, salted), never stored or logged.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { type FieldError, validationFailed } from "../platform/errors.ts";

/** A new random token (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** True when `token` hashes to `expectedHash`, compared in constant time. */
export function tokenMatches(token: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashToken(token), "hex");
  const expected = Buffer.from(expectedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const argon2id = 2;
const minimumPasswordLength = 12;
const maximumPasswordLength = 256;

/** What is wrong with a new password, at the given field path (empty when it is acceptable). */
function passwordProblems(password: string, path: string): FieldError[] {
  if (password.length < minimumPasswordLength) {
    return [{ path, message: `must be at least ${minimumPasswordLength} characters long` }];
  }
  if (password.length > maximumPasswordLength) {
    return [{ path, message: `must be at most ${maximumPasswordLength} characters long` }];
  }
  if (password.trim() === "") return [{ path, message: "must not be only spaces" }];
  return [];
}

/** The hash of a new password; a 400 naming the field at `path` when the password is not acceptable. */
export function hashNewPassword(password: string, path: string): Promise<string> {
  const problems = passwordProblems(password, path);
  if (problems.length > 0) throw validationFailed(problems);
  return hashPassword(password);
}

function hashPassword(password: string): Promise<string> {
  // Algorithm.Argon2id, the library's default, spelled out (its enum is a const enum that cannot be imported here).
  return hash(password, { algorithm: argon2id });
}

// Checked when nobody has the address, so that a wrong address takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

/** True when `password` matches the stored hash; with no hash, spends the same time and answers false. */
export async function passwordMatches(password: string, storedHash: string | null): Promise<boolean> {
  if (storedHash === null) {
    decoyHash ??= hashPassword(newToken());
    await verify(await decoyHash, password);
    return false;
  }
  return verify(storedHash, password);
}
