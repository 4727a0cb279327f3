// Retries of one call to another system: a rate limit (429) or a server
// error (5xx) is tried again after the wait the vendor's Retry-After asks for
// (up to a ceiling), else after a doubling delay; anything else, or the last
// failure, is handed back to the sync, which puts the object in the error queue.
import { setTimeout as sleep } from "node:timers/promises";
import { VendorError } from "./vendor-errors.ts";

/** The waits before each retry, in milliseconds: five retries, 6.2 s in all when the vendor names no wait. */
const defaultRetryDelaysMilliseconds: readonly number[] = [200, 400, 800, 1600, 3200];

/** The longest a Retry-After may hold a worker's slot; a longer one fails the attempt to the error queue. */
const longestRetryAfterMilliseconds = 30_000;

export type RetriedCall<Result> =
  | { ok: true; result: Result; attempts: number }
  | { ok: false; error: unknown; attempts: number };

export async function withVendorRetries<Result>(
  call: () => Promise<Result>,
  delaysMilliseconds: readonly number[] = defaultRetryDelaysMilliseconds,
): Promise<RetriedCall<Result>> {
  for (let attempts = 1; ; attempts += 1) {
    try {
      return { ok: true, result: await call(), attempts };
    } catch (error) {
      const delay = delaysMilliseconds[attempts - 1];
      if (!(error instanceof VendorError) || !error.retryable || delay === undefined) {
        return { ok: false, error, attempts };
      }
      const asked = error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000;
      if (asked !== null && asked > longestRetryAfterMilliseconds) return { ok: false, error, attempts };
      await sleep(asked ?? delay);
    }
  }
}
