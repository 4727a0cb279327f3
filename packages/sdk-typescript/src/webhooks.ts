// Verifying Fairbill's webhooks, which are signed per Standard Webhooks
// (src/notifications/webhook-signing.ts): `webhook-signature` lists
// `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the base64 part
// of the `whsec_…` secret (two while a rotated secret is honoured: any match
// will do), and `webhook-timestamp` must be within `toleranceSeconds` of now
// (default 5 minutes) so that an old delivery cannot be replayed. Web Crypto
// only, so it runs in Node.js and edge runtimes alike.

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export type VerifiedWebhook = {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
};

export class WebhookVerificationError extends Error {}

const secretPrefix = "whsec_";

/**
 * Checks the delivery's signature and age and returns its parsed body; throws
 * WebhookVerificationError otherwise. `body` is the raw text as received.
 */
export async function verifyWebhook(input: {
  secret: string;
  headers: WebhookHeaders;
  body: string;
  toleranceSeconds?: number;
  /** Now, in milliseconds (tests set it). */
  now?: number;
}): Promise<VerifiedWebhook> {
  const id = header(input.headers, "webhook-id");
  const timestamp = header(input.headers, "webhook-timestamp");
  const signatures = header(input.headers, "webhook-signature");
  if (id === undefined || timestamp === undefined || signatures === undefined) {
    throw new WebhookVerificationError("webhook-id, webhook-timestamp and webhook-signature are required.");
  }
  const sentAt = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(sentAt)) {
    throw new WebhookVerificationError("webhook-timestamp is not a number of seconds.");
  }
  const nowSeconds = Math.floor((input.now ?? Date.now()) / 1000);
  const tolerance = input.toleranceSeconds ?? 300;
  if (Math.abs(nowSeconds - sentAt) > tolerance) {
    throw new WebhookVerificationError(`webhook-timestamp is more than ${tolerance} s from now.`);
  }
  const expected = await sign(input.secret, `${id}.${timestamp}.${input.body}`);
  const matches = signatures
    .split(" ")
    .filter((signature) => signature.startsWith("v1,"))
    .some((signature) => sameBytes(base64Bytes(signature.slice(3)), expected));
  if (!matches) throw new WebhookVerificationError("No signature matches the secret.");
  return JSON.parse(input.body) as VerifiedWebhook;
}

async function sign(secret: string, content: string): Promise<Uint8Array> {
  if (!secret.startsWith(secretPrefix)) throw new Error("A webhook signing secret starts with whsec_.");
  const key = await crypto.subtle.importKey(
    "raw",
    base64Bytes(secret.slice(secretPrefix.length)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(content)));
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return bytes;
  } catch {
    return new Uint8Array(0);
  }
}

/** Compares in time that does not depend on where the bytes differ. */
function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) difference |= left[index]! ^ right[index]!;
  return difference === 0;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}
