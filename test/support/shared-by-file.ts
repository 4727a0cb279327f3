// What the tests of a file share (an app, a local vendor server), started by a
// beforeAll before them and closed by an afterAll after them.
import { afterAll, beforeAll } from "vitest";

/**
 * Registers a beforeAll that starts what the file's (or the describe block's)
 * tests share and an afterAll that closes it; returns a function that gives
 * it, throwing a clear error when read before the beforeAll ran (as while
 * the file loads).
 */
export function sharedByFile<Shared>(
  what: string,
  start: () => Promise<Shared>,
  close: (shared: Shared) => Promise<unknown>,
  options: { timeout?: number } = {},
): () => Shared {
  let shared: { value: Shared } | undefined;
  beforeAll(async () => {
    shared = { value: await start() };
  }, options.timeout);
  afterAll(async () => {
    if (shared !== undefined) await close(shared.value);
  });
  return () => {
    if (shared === undefined) {
      throw new Error(
        `The file's ${what} starts in beforeAll: read it in hooks and tests, not while the file loads.`,
      );
    }
    return shared.value;
  };
}
