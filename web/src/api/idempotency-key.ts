// A fresh Idempotency-Key per user action, so that a retried submit (a double
// click, a flaky network) never creates a second object. crypto.randomUUID
// exists only on HTTPS and localhost; getRandomValues works everywhere.
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}
