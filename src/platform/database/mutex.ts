// A first-come, first-served lock for the single connection PGlite has.
// Waiting is bounded: code that queries outside the transaction it holds would
// otherwise wait for itself forever on the embedded database, so after
// `maximumWaitMilliseconds` the waiter fails with an error that says why.

export class ConnectionMutex {
  #tail: Promise<void> = Promise.resolve();
  readonly #maximumWaitMilliseconds: number;

  constructor(maximumWaitMilliseconds = 60_000) {
    this.#maximumWaitMilliseconds = maximumWaitMilliseconds;
  }

  /** Waits for the lock and returns the function that releases it. */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const previous = this.#tail;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#tail = previous.then(() => mine);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `Waited ${this.#maximumWaitMilliseconds} ms for the embedded database connection: ` +
                "is a query running outside the transaction that holds it?",
            ),
          ),
        this.#maximumWaitMilliseconds,
      );
      timer.unref();
    });
    try {
      await Promise.race([previous, timedOut]);
    } catch (error) {
      // Give our place in the queue up so that later waiters are not blocked.
      release();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return release;
  }

  /** Runs `work` while holding the lock. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
