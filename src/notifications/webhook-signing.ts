// Signing per the Standard Webhooks specification
// (https://www.standardwebhooks.com): the receiver gets `webhook-id`,
// `webhook-timestamp` (Unix seconds) and `webhook-signature`, a space-separated
// list of `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the
// base64-decoded part of the `whsec_…` secret. More than one signature is sent
// while a rotated secret is still honoured, and a receiver accepts any match.
import { createHmac, randomBytes } from "node:crypto";

const secretPrefix = "whsec_";
// 32 random bytes: inside the 24–64 bytes the specification recommends.
const secretBytes = 32;

export function generateSigningSecret(): string {
  return `${secretPrefix}${randomBytes(secretBytes).toString("base64")}`;
}

export type SignedHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** The three headers for `body`, sent as message `messageId` at `sentAt`, signed with each secret. */
export function signWebhook(input: {
  messageId: string;
  sentAt: Date;
  body: string;
  secrets: readonly string[];
}): SignedHeaders {
  const timestamp = String(Math.floor(input.sentAt.getTime() / 1000));
  const signedContent = `${input.messageId}.${timestamp}.${input.body}`;
  const signatures = input.secrets.map(
    (secret) => `v1,${createHmac("sha256", secretKey(secret)).update(signedContent).digest("base64")}`,
  );
  return {
    "webhook-id": input.messageId,
    "webhook-timestamp": timestamp,
    "webhook-signature": signatures.join(" "),
  };
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(secretPrefix)) throw new Error("A webhook signing secret starts with whsec_.");
  return Buffer.from(secret.slice(secretPrefix.length), "base64");
}
