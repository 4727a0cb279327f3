// Which cached reads went stale, across every process on one database. A
// write that changes what a cached read returns announces the change in its
// own transaction (`announceChange`: a PostgreSQL NOTIFY on one channel,
// delivered to every listener when, and only if, the transaction commits).
// Each database handle has one ChangeFeed: a dedicated listening connection on
// PostgreSQL (reconnected when it drops), PGlite's own listen on the embedded
// database. A change names a topic (what the cached read is: "meter_versions")
// and a scope (the environment or organization whose rows changed); the feed
// keeps a generation per topic and scope, and a cache entry stamped with an
// older generation is stale. Nothing here knows what a topic means: the
// domains name their topics and cache through ChangeCache (change-cache.ts).
//
// Safety rules, so that a cache never serves what the database no longer says:
// - No listener, no cache: until the listener is confirmed (and again from
//   the moment it drops until it is back), reads go to the database and
//   nothing is stored; every reconnect starts a new epoch, which makes every
//   older entry stale, since notifications may have been missed meanwhile.
// - A read that overlapped a change is not stored: its result is stamped
//   only when no change of its topic arrived while it ran.
// - A process sees its own writes at once: announcing marks the topic and
//   scope as changing (nothing is stored for them) until the process's own
//   notification comes back after the commit, or a minute passes (the
//   transaction rolled back). The next read after the commit reads the
//   database even before the notification arrives.
import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "kysely";
import pg from "pg";
import type { ConnectionMutex } from "./mutex.ts";
import type { Database, DatabaseTransaction } from "./schema.ts";
import { databaseAcrossTenants } from "./tenant-sessions.ts";

/** The one channel every change is announced on. */
const changeChannel = "fairbill_changes";

/** What changed: a topic (what cached reads return) within one scope (an environment's or organization's id). */
export type Change = { topic: string; scope: string };

/** Where a feed stood before a read: the read's result may be stored only if nothing of its topic changed since. */
export type ReadStart = { epoch: number; topicChanges: number };

/** What a stored entry was current at: it stays current while both are. */
export type EntryStamp = { epoch: number; generation: number };

/** What a feed tells the caches that use it: a change, or that everything may have changed (a reconnect). */
export type FeedEvent = Change | "everything";

/** Starts listening and reports what it hears; how depends on the database. */
export type ChangeListener = {
  start(handlers: ListenerHandlers): void;
  stop(): Promise<void>;
};

type ListenerHandlers = {
  /** The payload of one notification on the channel. */
  heard(payload: string): void;
  /** Listening now: anything committed from here on will be heard. */
  listening(): void;
  /** The connection dropped: what is committed until `listening` again may go unheard. */
  lost(): void;
};

/** How long a change this process announced blocks caching of its topic when its notification never returns. */
const announcementTimeoutMilliseconds = 60_000;

export class ChangeFeed {
  readonly #listener: ChangeListener;
  readonly #origin = randomBytes(6).toString("hex");
  #started = false;
  #closed = false;
  #listening = false;
  #epoch = 0;
  #sequence = 0;
  readonly #generations = new Map<string, number>();
  readonly #topicChanges = new Map<string, number>();
  /** Announcements of this process whose notification has not come back yet, by topic and scope. */
  readonly #pending = new Map<string, Set<string>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #subscribers = new Set<(event: FeedEvent) => void>();

  constructor(listener: ChangeListener) {
    this.#listener = listener;
  }

  /** Whether cached reads may be served now; starts the listener on first use. */
  get listening(): boolean {
    this.#startOnce();
    return this.#listening;
  }

  /** Where the feed stands before a read of `topic`, or undefined when nothing may be cached now. */
  readStart(topic: string): ReadStart | undefined {
    if (!this.listening) return undefined;
    return { epoch: this.#epoch, topicChanges: this.#topicChanges.get(topic) ?? 0 };
  }

  /**
   * The stamp for what a read that began at `start` returned for `change`, or
   * undefined when it must not be stored: something of its topic changed
   * meanwhile, the listener dropped, or this process is changing it.
   */
  stamp(change: Change, start: ReadStart): EntryStamp | undefined {
    if (!this.#listening || start.epoch !== this.#epoch) return undefined;
    if ((this.#topicChanges.get(change.topic) ?? 0) !== start.topicChanges) return undefined;
    if (this.#pending.has(keyOf(change))) return undefined;
    return { epoch: this.#epoch, generation: this.#generations.get(keyOf(change)) ?? 0 };
  }

  /** Whether an entry stamped `stamp` for `change` is still what the database says. */
  isCurrent(change: Change, stamp: EntryStamp): boolean {
    return (
      this.#listening &&
      stamp.epoch === this.#epoch &&
      stamp.generation === (this.#generations.get(keyOf(change)) ?? 0)
    );
  }

  /** Hears every change (to drop entries early); returns the function that stops hearing. */
  subscribe(subscriber: (event: FeedEvent) => void): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  /**
   * The payload that announces `change`, marking it as changing in this
   * process until its notification comes back (or the transaction turns out
   * to have rolled back).
   */
  announcement(change: Change): string {
    const nonce = `${this.#origin}:${++this.#sequence}`;
    const key = keyOf(change);
    const pending = this.#pending.get(key) ?? new Set<string>();
    pending.add(nonce);
    this.#pending.set(key, pending);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#settle(key, nonce);
    }, announcementTimeoutMilliseconds);
    timer.unref();
    this.#timers.add(timer);
    this.#changed(change);
    return JSON.stringify({ topic: change.topic, scope: change.scope, nonce });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listening = false;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    if (this.#started) await this.#listener.stop();
  }

  #startOnce(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#listener.start({
      heard: (payload) => this.#heard(payload),
      listening: () => {
        this.#epoch += 1;
        this.#listening = !this.#closed;
        this.#tell("everything");
      },
      lost: () => {
        this.#epoch += 1;
        this.#listening = false;
        this.#tell("everything");
      },
    });
  }

  #heard(payload: string): void {
    const change = parseAnnouncement(payload);
    if (change === undefined) {
      // Not ours to read: whatever it was, nothing cached can be trusted to be current.
      this.#epoch += 1;
      this.#tell("everything");
      return;
    }
    this.#changed(change);
    if (change.nonce !== undefined) this.#settle(keyOf(change), change.nonce);
  }

  #changed(change: Change): void {
    const key = keyOf(change);
    this.#generations.set(key, (this.#generations.get(key) ?? 0) + 1);
    this.#topicChanges.set(change.topic, (this.#topicChanges.get(change.topic) ?? 0) + 1);
    this.#tell({ topic: change.topic, scope: change.scope });
  }

  #settle(key: string, nonce: string): void {
    const pending = this.#pending.get(key);
    if (pending === undefined || !pending.delete(nonce)) return;
    if (pending.size === 0) this.#pending.delete(key);
  }

  #tell(event: FeedEvent): void {
    for (const subscriber of this.#subscribers) subscriber(event);
  }
}

function keyOf(change: Change): string {
  return `${change.topic}\u0000${change.scope}`;
}

function parseAnnouncement(payload: string): (Change & { nonce?: string }) | undefined {
  try {
    const parsed = JSON.parse(payload) as { topic?: unknown; scope?: unknown; nonce?: unknown };
    if (typeof parsed.topic !== "string" || typeof parsed.scope !== "string") return undefined;
    return {
      topic: parsed.topic,
      scope: parsed.scope,
      ...(typeof parsed.nonce === "string" ? { nonce: parsed.nonce } : {}),
    };
  } catch {
    return undefined;
  }
}

const feeds = new WeakMap<Database, ChangeFeed>();

/** Gives a handle's database (bound to all tenants) its feed; the tenants' databases find it through it. */
export function registerChangeFeed(database: Database, feed: ChangeFeed): void {
  feeds.set(database, feed);
}

/** The feed of the handle `database` belongs to; undefined for a transaction (which reads the database itself). */
export function changeFeedOf(database: Database): ChangeFeed | undefined {
  return feeds.get(databaseAcrossTenants(database));
}

/**
 * Announces in `transaction` that what cached reads of `change.topic` return
 * for `change.scope` has changed: every process hears it when the transaction
 * commits, and this one (through `database`, the handle the transaction was
 * opened on) stops caching it at once.
 */
export async function announceChange(
  transaction: DatabaseTransaction,
  database: Database,
  change: Change,
): Promise<void> {
  const feed = changeFeedOf(database);
  const payload =
    feed === undefined
      ? JSON.stringify({ topic: change.topic, scope: change.scope })
      : feed.announcement(change);
  await sql`select pg_notify(${changeChannel}, ${payload})`.execute(transaction);
}

/** PGlite's own listen, taken through the connection's lock so that it never lands inside a transaction. */
export function embeddedChangeListener(pglite: PGlite, mutex: ConnectionMutex): ChangeListener {
  let stopped = false;
  return {
    start(handlers) {
      void mutex
        .run(() => pglite.listen(changeChannel, handlers.heard))
        .then(
          () => {
            if (!stopped) handlers.listening();
          },
          () => handlers.lost(),
        );
    },
    async stop() {
      // The handle closes PGlite right after: nothing to unlisten from.
      stopped = true;
    },
  };
}

/**
 * A connection of its own that LISTENs on the channel, opened again (after
 * 0.1 s, doubling up to 5 s) whenever it drops or cannot be opened.
 */
export function serverChangeListener(connectionString: string): ChangeListener {
  let stopped = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = 100;
  const connect = (handlers: ListenerHandlers): void => {
    const candidate = new pg.Client({ connectionString, keepAlive: true });
    client = candidate;
    const lose = () => {
      if (client !== candidate) return;
      client = undefined;
      handlers.lost();
      candidate.end().catch(() => {});
      if (stopped) return;
      retryTimer = setTimeout(() => connect(handlers), retryDelay);
      retryTimer.unref();
      retryDelay = Math.min(retryDelay * 2, 5_000);
    };
    candidate.on("notification", (message) => {
      if (message.channel === changeChannel) handlers.heard(message.payload ?? "");
    });
    candidate.on("error", lose);
    candidate.on("end", lose);
    candidate
      .connect()
      .then(() => candidate.query(`listen ${changeChannel}`))
      .then(() => {
        if (client !== candidate) return;
        // Listening alone never keeps the process alive: a command that is done may end.
        (candidate.connection.stream as { unref?: () => void }).unref?.();
        retryDelay = 100;
        handlers.listening();
      }, lose);
  };
  return {
    start: connect,
    async stop() {
      stopped = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const open = client;
      client = undefined;
      // Held again while it ends: the socket was unref'd, and a process with
      // nothing else to do (the pool's idle connections timed out) would stop
      // mid-close, the close never returning.
      (open?.connection.stream as { ref?: () => void } | undefined)?.ref?.();
      await open?.end().catch(() => {});
    },
  };
}
