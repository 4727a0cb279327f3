// How a key is written in the environment and in the key file: 32 bytes as
// base64, or as 64 hexadecimal digits.
import { randomBytes } from "node:crypto";

/** A 32-byte key written as base64 or as 64 hex digits, or undefined when it is neither. */
export function parseKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, "base64");
  return key.length === 32 ? key : undefined;
}

/** A new random key, as base64 (what FAIRBILL_MASTER_KEY and the key file hold). */
export function newKeyText(): string {
  return randomBytes(32).toString("base64");
}
