// API key secrets: `fb_test_` or `fb_live_` and 32 random base62 characters
// (about 190 bits). Only the SHA-256 of a key is stored; the key itself is
// shown once, when it is made.
import { createHash, randomInt } from "node:crypto";
import type { EnvironmentKind } from "./tables.ts";

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const randomLength = 32;
const displayedPrefixLength = 12;

export type NewSecret = { secret: string; prefix: string; hash: string };

export function generateApiKeySecret(environment: EnvironmentKind): NewSecret {
  let random = "";
  for (let index = 0; index < randomLength; index++) random += base62[randomInt(base62.length)];
  const secret = `fb_${environment}_${random}`;
  return { secret, prefix: secret.slice(0, displayedPrefixLength), hash: hashApiKeySecret(secret) };
}

export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Cheap shape check that spares a database lookup for text that cannot be a key. */
export function looksLikeApiKey(text: string): boolean {
  return /^fb_(test|live)_[0-9A-Za-z]{32}$/.test(text);
}
