// Usage ingestion that never loses an event. `track` gives each event an id
// (unless it has one) and queues it in memory; the queue is sent as a batch to
// POST /v1/events/batch when it holds `batchSize` events, every
// `flushIntervalMs`, and when the process is about to exit. A batch that fails
// (a network error, 429, 5xx) is sent again with jittered exponential backoff,
// honouring Retry-After, with the same events and ids: the server counts an id
// once, so a batch that was stored before its answer was lost is acknowledged
// as duplicates. Each batch carries an Idempotency-Key. With a spool
// (`@fairbill/sdk/spool` in Node.js) every tracked event is written down before
// `track` returns and crossed out once the server has it, so the events of a
// process that crashed are sent by the next one that opens the same spool.
// Only `fetch` and `crypto.randomUUID` are needed: no Node.js module here.

export type UsageEvent = {
  /** Your id for the event; a repeat is not counted again. Default: a random UUID. */
  id?: string;
  /** The customer's external id. */
  customer: string;
  /** What happened, such as api_call. */
  name: string;
  /** RFC 3339; default: when `track` is called. */
  timestamp?: string;
  properties?: Record<string, unknown>;
};

/** An event as queued and sent: id and timestamp are set. */
export type QueuedEvent = Required<Pick<UsageEvent, "id" | "customer" | "name" | "timestamp">> &
  Pick<UsageEvent, "properties">;

/** Where queued events are written down until the server has them (see file-spool.ts). */
export type Spool = {
  /** The events written down and not yet sent (by an earlier process too). */
  pending(): QueuedEvent[];
  /** Writes events down; returns once they would survive the process crashing. */
  add(events: QueuedEvent[]): void;
  /** Crosses out events the server has acknowledged. */
  remove(ids: string[]): void;
  close?(): void;
};

/** An event the server refused (it will never take it: no retry). */
export type RejectedUsageEvent = { event: QueuedEvent; reasons: string[] };

export type IngestionOptions = {
  baseUrl: string;
  apiKey: string;
  /** Events per request, 1 to 1,000 (the server's limit). Default 500. */
  batchSize?: number;
  /** Sends what is queued at least this often. Default 1,000 ms. */
  flushIntervalMs?: number;
  /** Sends in flight at once. Default 1. */
  concurrency?: number;
  /** First retry delay; doubles each attempt (with jitter) up to maxRetryDelayMs. Default 250 ms. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Gives up on a batch after this many attempts (its events stay in the spool). Default: never. */
  maxAttempts?: number;
  /** Holds at most this many events in memory; `track` throws beyond. Default 1,000,000. */
  maxQueuedEvents?: number;
  spool?: Spool;
  /** Flushes on the process's beforeExit and SIGTERM/SIGINT where there is a process (Node.js). Default true. */
  flushOnExit?: boolean;
  /**
   * How long the process's exit waits for Fairbill (default 10,000 ms): past it
   * the client stops retrying so the process can end; unsent events stay in
   * the spool for the next process.
   */
  exitTimeoutMs?: number;
  /** Told of events the server refused as invalid, and of each failed attempt. */
  onRejected?: (rejected: RejectedUsageEvent[]) => void;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  fetch?: typeof fetch;
  /** A random number in [0, 1); Math.random by default (tests make jitter predictable). */
  random?: () => number;
};

type BatchAnswer = {
  accepted: number;
  duplicates: { index: number; id: string }[];
  rejected: { index: number; id: string; errors?: { path: string; message: string }[]; reason?: string }[];
};

/** An answer that a retry may turn into a success: the batch is sent again. */
export class RetryableError extends Error {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}

export class IngestionClient {
  private readonly options: Required<
    Pick<
      IngestionOptions,
      | "batchSize"
      | "flushIntervalMs"
      | "concurrency"
      | "retryDelayMs"
      | "maxRetryDelayMs"
      | "maxAttempts"
      | "maxQueuedEvents"
    >
  > &
    IngestionOptions;
  private readonly queue: QueuedEvent[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private removeExitHooks: (() => void) | undefined;
  private readonly fetchFunction: typeof fetch;
  private readonly random: () => number;
  /** Set when the process is exiting: no retry is started that would end after it. */
  private giveUpAt: number | undefined;
  /** Events the server has acknowledged (stored now or before), and refused. */
  readonly counts = { sent: 0, duplicates: 0, rejected: 0, retries: 0 };

  constructor(options: IngestionOptions) {
    const batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000)
      throw new Error("batchSize is 1 to 1,000 events.");
    this.options = {
      flushIntervalMs: 1000,
      concurrency: 1,
      retryDelayMs: 250,
      maxRetryDelayMs: 30_000,
      maxAttempts: Number.POSITIVE_INFINITY,
      maxQueuedEvents: 1_000_000,
      ...options,
      batchSize,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
    this.fetchFunction = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.random = options.random ?? Math.random;
    // What an earlier process wrote down and did not send goes first.
    if (options.spool) this.queue.push(...options.spool.pending());
    this.timer = setInterval(() => void this.flushQueued(), this.options.flushIntervalMs);
    (this.timer as { unref?: () => void }).unref?.();
    if (options.flushOnExit ?? true) this.removeExitHooks = addExitHooks(this);
    if (this.queue.length > 0) void this.flushQueued();
  }

  /** Queues an event (written to the spool first, if any) and returns its id. */
  track(event: UsageEvent): string {
    if (this.closed) throw new Error("This ingestion client is closed.");
    if (this.queue.length >= this.options.maxQueuedEvents)
      throw new Error(`${this.queue.length} events are queued already: the server does not keep up.`);
    const queued: QueuedEvent = {
      id: event.id ?? crypto.randomUUID(),
      customer: event.customer,
      name: event.name,
      timestamp: event.timestamp ?? new Date().toISOString(),
      ...(event.properties === undefined ? {} : { properties: event.properties }),
    };
    this.options.spool?.add([queued]);
    this.queue.push(queued);
    if (this.queue.length >= this.options.batchSize) void this.flushQueued(true);
    return queued.id;
  }

  /** Events queued or being sent. */
  get pendingCount(): number {
    return this.queue.length + this.sendingCount;
  }
  private sendingCount = 0;

  /** Sends everything queued now and resolves once the server has acknowledged it all. */
  async flush(): Promise<void> {
    for (;;) {
      await this.flushQueued();
      if (this.inFlight.size === 0 && this.queue.length === 0) return;
      await Promise.race(this.inFlight);
    }
  }

  /** Called by the exit hooks: flush, but stop retrying after exitTimeoutMs. */
  flushBeforeExit(): Promise<void> {
    this.giveUpAt ??= Date.now() + (this.options.exitTimeoutMs ?? 10_000);
    return this.flush();
  }

  /** Flushes, stops the timer and the exit hooks, and closes the spool. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    clearInterval(this.timer);
    this.removeExitHooks?.();
    this.options.spool?.close?.();
  }

  /** Starts sends while there are queued events and free slots; only full batches when `fullOnly`. */
  private async flushQueued(fullOnly = false): Promise<void> {
    while (this.queue.length > 0 && this.inFlight.size < this.options.concurrency) {
      if (fullOnly && this.queue.length < this.options.batchSize) return;
      const batch = this.queue.splice(0, this.options.batchSize);
      this.sendingCount += batch.length;
      const sending = this.sendWithRetries(batch).finally(() => {
        this.sendingCount -= batch.length;
        this.inFlight.delete(sending);
        // The next full batch may wait on this slot.
        if (this.queue.length >= this.options.batchSize) void this.flushQueued(true);
      });
      this.inFlight.add(sending);
    }
  }

  private async sendWithRetries(batch: QueuedEvent[]): Promise<void> {
    const key = `batch_${crypto.randomUUID()}`;
    for (let attempt = 1; ; attempt++) {
      try {
        // A request cut off mid-way leaves its key "in progress" on the server
        // for a while; the events' own ids keep a retry from counting twice, so
        // a retry after a failure may use a key of its own.
        await this.send(batch, attempt === 1 ? key : `${key}.${attempt}`);
        return;
      } catch (error) {
        if (!(error instanceof RetryableError) && !isNetworkError(error)) {
          // Not retryable (a 4xx other than 408/409/429): the batch stays in the
          // spool for the next process and its events are reported.
          this.options.onRejected?.(batch.map((event) => ({ event, reasons: [String(error)] })));
          return;
        }
        if (attempt >= this.options.maxAttempts) return;
        const backoff = Math.min(
          this.options.maxRetryDelayMs,
          this.options.retryDelayMs * 2 ** Math.min(attempt - 1, 20),
        );
        // Full jitter: a random delay up to the backoff, so many clients do not retry in step.
        const jittered = Math.round(backoff * (0.5 + this.random() / 2));
        const delay = Math.max(jittered, error instanceof RetryableError ? (error.retryAfterMs ?? 0) : 0);
        // The process is exiting and this wait would outlast it: the events stay in the spool.
        if (this.giveUpAt !== undefined && Date.now() + delay > this.giveUpAt) return;
        this.counts.retries++;
        this.options.onRetry?.(error, attempt, delay);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async send(batch: QueuedEvent[], idempotencyKey: string): Promise<void> {
    const response = await this.fetchFunction(`${this.options.baseUrl}/v1/events/batch`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${this.options.apiKey}`,
        "content-type": "application/json",
        "idempotency-key": idempotencyKey,
      },
      body: JSON.stringify({ events: batch }),
    });
    const text = await response.text();
    if (
      response.status === 429 ||
      response.status >= 500 ||
      response.status === 408 ||
      response.status === 409
    ) {
      throw new RetryableError(
        `POST /v1/events/batch answered ${response.status}: ${text.slice(0, 200)}`,
        retryAfterMs(response.headers.get("retry-after")),
      );
    }
    if (!response.ok)
      throw new Error(`POST /v1/events/batch answered ${response.status}: ${text.slice(0, 500)}`);
    const answer = JSON.parse(text) as BatchAnswer;
    const rejectedIndexes = new Set(answer.rejected.map((rejected) => rejected.index));
    this.counts.sent += batch.length - rejectedIndexes.size;
    this.counts.duplicates += answer.duplicates.length;
    this.counts.rejected += rejectedIndexes.size;
    // Refused events are crossed out too: sending them again would be refused again.
    this.options.spool?.remove(batch.map((event) => event.id));
    if (answer.rejected.length > 0) {
      this.options.onRejected?.(
        answer.rejected.map((rejected) => ({
          event: batch[rejected.index]!,
          reasons: rejected.errors?.map((error) => `${error.path}: ${error.message}`) ?? [
            rejected.reason ?? "rejected",
          ],
        })),
      );
    }
  }
}

/** Retry-After in seconds or as an HTTP date, in milliseconds. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function isNetworkError(error: unknown): boolean {
  // fetch rejects with a TypeError when the connection fails or is cut.
  return error instanceof TypeError || (error instanceof Error && error.name === "AbortError");
}

type ExitHookProcess = {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  listenerCount(event: string): number;
  exit(code?: number): never;
};

/** Flushes before a Node.js (or Bun, Deno) process exits; nothing where there is no process. */
function addExitHooks(client: IngestionClient): (() => void) | undefined {
  const runningProcess = (globalThis as { process?: ExitHookProcess }).process;
  if (runningProcess === undefined || typeof runningProcess.on !== "function") return undefined;
  const beforeExit = () => {
    if (client.pendingCount > 0) void client.flushBeforeExit();
  };
  const onSignal = (signal: unknown) => {
    const alone = runningProcess.listenerCount(String(signal)) === 1;
    void client.flushBeforeExit().finally(() => {
      // Only this hook listened: the process would have ended on the signal.
      if (alone) runningProcess.exit(signal === "SIGINT" ? 130 : 143);
    });
  };
  runningProcess.on("beforeExit", beforeExit);
  runningProcess.on("SIGTERM", onSignal);
  runningProcess.on("SIGINT", onSignal);
  return () => {
    runningProcess.off("beforeExit", beforeExit);
    runningProcess.off("SIGTERM", onSignal);
    runningProcess.off("SIGINT", onSignal);
  };
}
