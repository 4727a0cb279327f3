// A cache in the process of what a read returned, for one topic of
// change-notifications.ts: entries live under their scope (an environment's
// or organization's id) and are only ever looked up under it, so an entry is
// never returned to another tenant; each is served while the feed says its
// topic and scope have not changed since it was read, and dropped when they
// do. One cache per topic, shared by every database handle of the process:
// each handle's entries are kept apart (by its feed). Reads through a
// transaction, or a handle without a feed, go to the database every time.
import {
  type Change,
  type ChangeFeed,
  changeFeedOf,
  type EntryStamp,
  type FeedEvent,
} from "./change-notifications.ts";
import type { Database } from "./schema.ts";

type Entry<Value> = { value: Value; stamp: EntryStamp };

/** The entries of one feed: by scope, then by key. */
type FeedEntries<Value> = { scopes: Map<string, Map<string, Entry<Value>>>; size: number };

export class ChangeCache<Value> {
  readonly #topic: string;
  readonly #maximumEntries: number;
  readonly #entries = new WeakMap<ChangeFeed, FeedEntries<Value>>();

  /** `maximumEntries` per database handle: past it, the scope stored longest ago is dropped whole. */
  constructor(topic: string, maximumEntries = 10_000) {
    this.#topic = topic;
    this.#maximumEntries = maximumEntries;
  }

  /** The value under `key` in `scope`: cached when current, else `load`ed (and stored when it may be). */
  async read(database: Database, scope: string, key: string, load: () => Promise<Value>): Promise<Value> {
    const found = await this.readMany(database, scope, [key], async () => new Map([[key, await load()]]));
    return found.get(key) as Value;
  }

  /**
   * The values under `keys` in `scope`: those cached and current, and the
   * rest from one call of `loadMissing` (a key it leaves out has no value and
   * is not stored). `storable` says which loaded values may be kept.
   */
  async readMany(
    database: Database,
    scope: string,
    keys: readonly string[],
    loadMissing: (keys: string[]) => Promise<Map<string, Value>>,
    storable: (value: Value) => boolean = () => true,
  ): Promise<Map<string, Value>> {
    const feed = changeFeedOf(database);
    if (feed === undefined) return loadMissing([...new Set(keys)]);
    const change: Change = { topic: this.#topic, scope };
    const entries = this.#entriesOf(feed);
    const found = new Map<string, Value>();
    const missing: string[] = [];
    const scopeEntries = entries.scopes.get(scope);
    for (const key of new Set(keys)) {
      const entry = scopeEntries?.get(key);
      if (entry !== undefined && feed.isCurrent(change, entry.stamp)) found.set(key, entry.value);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    const start = feed.readStart(this.#topic);
    const loaded = await loadMissing(missing);
    const stamp = start === undefined ? undefined : feed.stamp(change, start);
    for (const [key, value] of loaded) {
      found.set(key, value);
      if (stamp !== undefined && storable(value)) this.#store(entries, scope, key, { value, stamp });
    }
    return found;
  }

  #entriesOf(feed: ChangeFeed): FeedEntries<Value> {
    const known = this.#entries.get(feed);
    if (known !== undefined) return known;
    const entries: FeedEntries<Value> = { scopes: new Map(), size: 0 };
    feed.subscribe((event: FeedEvent) => {
      if (event === "everything") {
        entries.scopes.clear();
        entries.size = 0;
      } else if (event.topic === this.#topic) {
        entries.size -= entries.scopes.get(event.scope)?.size ?? 0;
        entries.scopes.delete(event.scope);
      }
    });
    this.#entries.set(feed, entries);
    return entries;
  }

  #store(entries: FeedEntries<Value>, scope: string, key: string, entry: Entry<Value>): void {
    let scopeEntries = entries.scopes.get(scope);
    if (scopeEntries === undefined) {
      scopeEntries = new Map();
      entries.scopes.set(scope, scopeEntries);
    }
    if (!scopeEntries.has(key)) entries.size += 1;
    scopeEntries.set(key, entry);
    while (entries.size > this.#maximumEntries) {
      const oldest = entries.scopes.keys().next().value;
      if (oldest === undefined) break;
      entries.size -= entries.scopes.get(oldest)?.size ?? 0;
      entries.scopes.delete(oldest);
    }
  }
}
